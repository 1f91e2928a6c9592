using System.Security.Cryptography;
using System.Text;
using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>Reading checksums and atomically replacing files on a host, as root.</summary>
internal static class RemoteFiles
{
    /// <summary>SHA-256 (lower-case hex) of each file that exists; missing files are simply absent from the result.</summary>
    public static async Task<Dictionary<string, string>> ChecksumsAsync(IRemoteHost host, IReadOnlyList<string> paths, CancellationToken ct)
    {
        var command = new RemoteCommand(["sha256sum", "--", .. paths]);
        var result = await host.RunAsync(command, ct).ConfigureAwait(false);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "<64 hex>  <path>"; a leading backslash marks an escaped name, which our paths never need.
            if (line.Length > 66 && line[64] == ' ' && !line.StartsWith('\\'))
            {
                sums[line[66..]] = line[..64];
            }
        }

        // Exit 1: some file could not be read (normally: does not exist). Anything else: sha256sum itself failed.
        if (result.ExitCode is not (0 or 1))
        {
            throw RemoteHostExtensions.Failed(host, command, result);
        }

        return sums;
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and a rename, owned by root.</summary>
    public static async Task WriteTextAsync(IRemoteHost host, string path, string text, string mode, CancellationToken ct)
    {
        var temporary = path + ".prov-new";
        await host.RunCheckedAsync(
            new RemoteCommand(["install", "-D", "-m", mode, "/dev/stdin", temporary]) { Stdin = Encoding.UTF8.GetBytes(text) }, ct).ConfigureAwait(false);
        await host.RunCheckedAsync(ct, "mv", "-f", "--", temporary, path).ConfigureAwait(false);
    }

    /// <summary>The file's text, or null when it does not exist.</summary>
    public static async Task<string?> ReadTextAsync(IRemoteHost host, string path, CancellationToken ct)
    {
        var exists = await host.RunAsync(RemoteCommand.Of("test", "-f", path), ct).ConfigureAwait(false);
        if (!exists.Succeeded)
        {
            return null;
        }

        return (await host.RunCheckedAsync(ct, "cat", "--", path).ConfigureAwait(false)).Stdout;
    }
}
