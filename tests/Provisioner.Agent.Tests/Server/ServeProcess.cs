using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Agent.Tests.Server;

/// <summary>
/// A real <c>prov-agent serve</c> process, its log collected as it comes: the built prov-agent.dll, or the binary
/// PROV_AGENT_BINARY names (e.g. the Native AOT one from dotnet publish).
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Task _reading;

    private ServeProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(Pump(process.StandardOutput), Pump(process.StandardError));
    }

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

    public bool HasExited => _process.HasExited;

    public static ServeProcess Start(string configPath)
    {
        var published = Environment.GetEnvironmentVariable("PROV_AGENT_BINARY");
        var info = new ProcessStartInfo(
            published is { Length: > 0 } ? published : "dotnet",
            published is { Length: > 0 } ? ["serve", "--config", configPath]
                : [Path.Combine(TestContext.CurrentContext.TestDirectory, "prov-agent.dll"), "serve", "--config", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return new ServeProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the "listening on https://ADDRESS:PORT" line and returns the port Kestrel bound.</summary>
    public async Task<int> WaitForPortAsync(TimeSpan timeout)
    {
        var line = await WaitForLogAsync(l => ListeningLine().IsMatch(l), timeout);
        return int.Parse(ListeningLine().Match(line).Groups[1].Value);
    }

    /// <summary>Waits until a log line written after <paramref name="fromLength"/> characters matches.</summary>
    public async Task<string> WaitForLogAsync(Func<string, bool> match, TimeSpan timeout, int fromLength = 0)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Log[Math.Min(fromLength, Log.Length)..].Split('\n').FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline || _process.HasExited)
            {
                throw new TimeoutException($"prov-agent serve did not log the expected line (exited: {_process.HasExited}). Log:\n{Log}");
            }

            await Task.Delay(25);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        await _reading;
        return _process.ExitCode;
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
