// A server started for a test (nginx, redis-server, postgres, ...): its output is kept for failure messages and it
// is stopped with SIGTERM (then SIGKILL) when the test is done.
using System.Diagnostics;
using System.Text;

namespace Provisioner.Site.Tests.Support;

internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _lock = new();

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_lock)
            {
                return _output.Length <= 6000 ? _output.ToString() : "..." + _output.ToString()[^6000..];
            }
        }
    }

    public static ServerProcess Start(string name, string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(Programs.Find(program) ?? program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Polls <paramref name="ready"/> until it holds; fails the test with the server's output otherwise.</summary>
    public async Task WaitUntilAsync(string what, Func<Task<bool>> ready, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await ready())
            {
                return;
            }

            if (_process.HasExited)
            {
                Assert.Fail($"{Name} exited with {_process.ExitCode} before {what}; its output:\n{Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"{Name}: {what} did not happen within {timeout}; its output:\n{Output}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        await Programs.RunAsync("kill", ["-TERM", _process.Id.ToString()]);
        using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(15));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGKILL at once: a crash, as a failover test needs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _output.AppendLine(line);
        }
    }
}
