using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Tests.Fixtures;

internal static class SshServerExtensions
{
    public static SshTarget Target(this SshServer server, string name = "testhost") => new(name, "127.0.0.1", server.Port, "root");

    public static SshOptions Options(this SshServer server, string? knownHosts = null) => new() { KnownHostsFile = knownHosts ?? server.WriteKnownHosts() };

    public static SshCredentials Credentials(this SshServer server) => new([SshKeys.Load(server.ClientKeyFile)], null);

    public static Task<IRemoteHost> ConnectAsync(this SshServer server, string name = "testhost") =>
        new SshConnector(server.Options(), server.Credentials()).ConnectAsync(server.Target(name), CancellationToken.None);

    /// <summary>A fresh scratch install root inside the server's directory.</summary>
    public static string NewRoot(this SshServer server)
    {
        var root = Path.Combine(server.Directory, $"root-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        return root;
    }
}
