using System.Net;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Controller.Transport;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Provisioner.Security.Validation;
using Serilog;

namespace Provisioner.Agent.Tests.Server;

/// <summary>
/// A test CA, an agent certificate for <see cref="HostName"/> (with 127.0.0.1 as IP SAN), a configuration in a temp
/// directory, and the real prov-agent serve listening on a free loopback port.
/// </summary>
internal sealed class ServedAgent : IDisposable
{
    public const string HostName = "agent-under-test";

    private ServedAgent(string root, CertificateAuthority authority, ServeProcess process, int port)
    {
        Root = root;
        Authority = authority;
        Process = process;
        Port = port;
    }

    public string Root { get; }

    public CertificateAuthority Authority { get; }

    public ServeProcess Process { get; }

    public int Port { get; }

    public string StateDir => Path.Combine(Root, "state");

    public string AgentDir => Path.Combine(Root, "agent");

    public string Scratch => Path.Combine(Root, "scratch");

    public AgentEndpoint Endpoint => new(HostName, "127.0.0.1", Port);

    public static async Task<ServedAgent> StartAsync(string? extraConfig = null)
    {
        var root = Directory.CreateTempSubdirectory("prov-serve-tests-").FullName;
        var authority = CertificateAuthority.Init(new CaLayout(Path.Combine(root, "ca")), "prov-controller", TimeProvider.System);
        var agentDir = Path.Combine(root, "agent");
        Directory.CreateDirectory(agentDir);
        Directory.CreateDirectory(Path.Combine(root, "scratch"));
        using (var agent = authority.IssueAgent(HostName, new IssueOptions { Addresses = [IPAddress.Loopback] }))
        {
            agent.Save(Path.Combine(agentDir, "agent.crt"), Path.Combine(agentDir, "agent.key"));
        }

        File.Copy(authority.Layout.CaCertificate, Path.Combine(agentDir, "ca.crt"));
        File.Copy(authority.Layout.RevocationList, Path.Combine(agentDir, "revoked.crl"));
        var config = Path.Combine(agentDir, "agent.json");
        File.WriteAllText(config, $$"""
            {
              "listen": "127.0.0.1",
              "port": 0,
              "ca_certificate": "ca.crt",
              "certificate": "agent.crt",
              "key": "agent.key",
              "revocation_list": "revoked.crl",
              "state_dir": "../state",
              "lock_wait_seconds": 5{{extraConfig}}
            }
            """);
        var process = ServeProcess.Start(config);
        try
        {
            var port = await process.WaitForPortAsync(TimeSpan.FromSeconds(60));
            return new ServedAgent(root, authority, process, port);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The controller's side, as <c>prov</c> builds it from the CA directory.</summary>
    public AgentChannelFactory ControllerFactory() => AgentChannelFactory.FromCa(Authority.Layout, TimeProvider.System, Quiet);

    /// <summary>A controller presenting <paramref name="clientCertificate"/> instead of the real controller certificate.</summary>
    public AgentChannelFactory FactoryPresenting(X509Certificate2 clientCertificate)
    {
        var authority = CredentialFiles.LoadCertificate(Authority.Layout.CaCertificate);
        var validator = new PeerValidator(authority, new RevocationListFile(Authority.Layout.RevocationList, authority, Quiet), TimeProvider.System, Quiet);
        return new AgentChannelFactory(clientCertificate, validator, TimeProvider.System, Quiet);
    }

    /// <summary>Ships the CA's current revocation list to the agent, as an administrator would after prov ca revoke.</summary>
    public void ShipRevocationList() =>
        File.Copy(Authority.Layout.RevocationList, Path.Combine(AgentDir, "revoked.crl"), overwrite: true);

    public bool RunRecorded(string runId) => Directory.Exists(Path.Combine(StateDir, "runs", runId));

    /// <summary>Shows the agent's log in the test output when a test of the fixture failed.</summary>
    public static void ReportLogOnFailure(ServedAgent agent)
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            TestContext.Progress.WriteLine($"prov-agent serve log:\n{agent.Process.Log}");
        }
    }

    public static ILogger Quiet { get; } = new LoggerConfiguration().CreateLogger();

    public void Dispose()
    {
        Process.Dispose();
        Authority.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
