using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Provisioner.Security.Authority;

namespace Provisioner.Controller.Tests.EndToEnd;

/// <summary>
/// A real <c>prov-agent serve</c> on a free loopback port, with a test CA in a temporary folder: the agent holds a
/// certificate for <see cref="HostName"/> (IP SAN 127.0.0.1), the CA folder holds the controller certificate prov uses.
/// </summary>
internal sealed partial class ServedAgent : IDisposable
{
    public const string HostName = "agent-under-test";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServedAgent(string caDirectory, Process process)
    {
        CaDirectory = caDirectory;
        _process = process;
        _ = Pump(process.StandardOutput);
        _ = Pump(process.StandardError);
    }

    public string CaDirectory { get; }

    public int Port { get; private set; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServedAgent> StartAsync(string root)
    {
        var caDirectory = Path.Combine(root, "ca");
        var agentDirectory = Path.Combine(root, "agent");
        Directory.CreateDirectory(agentDirectory);
        using (var authority = CertificateAuthority.Init(new CaLayout(caDirectory), "prov-controller", TimeProvider.System))
        {
            using var agent = authority.IssueAgent(HostName, new IssueOptions { Addresses = [IPAddress.Loopback] });
            agent.Save(Path.Combine(agentDirectory, "agent.crt"), Path.Combine(agentDirectory, "agent.key"));
            File.Copy(authority.Layout.CaCertificate, Path.Combine(agentDirectory, "ca.crt"));
            File.Copy(authority.Layout.RevocationList, Path.Combine(agentDirectory, "revoked.crl"));
        }

        var config = Path.Combine(agentDirectory, "agent.json");
        File.WriteAllText(config, """
            {
              "listen": "127.0.0.1",
              "port": 0,
              "ca_certificate": "ca.crt",
              "certificate": "agent.crt",
              "key": "agent.key",
              "revocation_list": "revoked.crl",
              "state_dir": "../agent-state",
              "lock_wait_seconds": 5
            }
            """);
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "prov-agent.dll"), "serve", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var served = new ServedAgent(caDirectory, Process.Start(info)!);
        try
        {
            served.Port = await served.WaitForPortAsync(TimeSpan.FromSeconds(60));
            return served;
        }
        catch
        {
            served.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task<int> WaitForPortAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ListeningLine().Match(Log) is { Success: true } match)
            {
                return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"prov-agent serve did not start listening (exited: {_process.HasExited}). Log:\n{Log}");
            }

            await Task.Delay(25);
        }
    }

    private async Task Pump(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_log)
            {
                _log.Append(buffer, 0, read);
            }
        }
    }

    [GeneratedRegex(@"listening on https://[^:\s]+:(\d+)")]
    private static partial Regex ListeningLine();
}
