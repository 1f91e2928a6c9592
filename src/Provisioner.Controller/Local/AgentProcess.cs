using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Provisioner.Controller.Dispatch;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Local;

/// <summary>
/// A running <c>prov-agent run-plan --json</c>: its event lines are read as they come and kept, so that any number
/// of watchers can follow them from any seq; stderr is kept (bounded) for messages.
/// </summary>
internal sealed class AgentProcess : IDisposable
{
    private const int MaxStderr = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];
    private readonly StringBuilder _stderr = new();
    private readonly Process _process;
    private readonly string _host;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _protocolError;
    private bool _exited;

    private AgentProcess(Process process, string host)
    {
        _process = process;
        _host = host;
    }

    public static AgentProcess Start(AgentCommand agent, string host, IEnumerable<string> arguments)
    {
        Process process;
        try
        {
            process = Process.Start(agent.StartInfo(arguments)) ?? throw new HostUnreachableException(host, $"prov-agent ({agent.Path}) did not start");
        }
        catch (Win32Exception ex)
        {
            throw new HostUnreachableException(host, $"cannot start prov-agent ({agent.Path}): {ex.Message}", ex);
        }

        process.StandardInput.Close();
        var running = new AgentProcess(process, host);
        _ = running.PumpAsync();
        return running;
    }

    public int Pid => _process.Id;

    /// <summary>Waits until the first event arrived or the process ended; throws if it ended without any event.</summary>
    public async Task WaitStartedAsync(CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_events.Count > 0)
                {
                    return;
                }

                if (_exited)
                {
                    throw Refused();
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Events after <paramref name="afterSeq"/>, then live ones, until the run completed (or the process ended, which throws).</summary>
    public async IAsyncEnumerable<RunEvent> EventsAsync(long afterSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = afterSeq;
        while (true)
        {
            List<RunEvent> batch;
            Task changed;
            bool exited;
            lock (_gate)
            {
                batch = _events.Where(e => e.Seq > last).ToList();
                changed = _changed.Task;
                exited = _exited;
            }

            foreach (var e in batch)
            {
                yield return e;
                last = e.Seq;
                if (e is RunCompletedEvent)
                {
                    yield break;
                }
            }

            if (exited)
            {
                throw _protocolError is not null
                    ? new AgentRunException($"prov-agent printed a line that is not an event ({_protocolError})")
                    : new HostUnreachableException(_host, $"prov-agent exited (code {_process.ExitCode}) before the run completed{StderrSuffix()}");
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Asks the agent to stop the run (SIGTERM, which prov-agent turns into a clean cancel).</summary>
    public async Task TerminateAsync(CancellationToken ct)
    {
        if (_exited)
        {
            return;
        }

        var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var process = Process.Start(kill);
        if (process is not null)
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();

    private AgentRunException Refused()
    {
        var what = _process.ExitCode switch
        {
            1 => "the agent could not start the run",
            4 => "the agent rejected the plan",
            _ => $"prov-agent exited with code {_process.ExitCode} before reporting anything",
        };
        return new AgentRunException(what + StderrSuffix());
    }

    private string StderrSuffix()
    {
        lock (_gate)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? string.Empty : ": " + text.Replace('\n', ' ');
        }
    }

    private async Task PumpAsync()
    {
        var stderr = ReadStderrAsync();
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                RunEvent parsed;
                try
                {
                    parsed = AgentJson.ParseEvent(line);
                }
                catch (JsonException ex)
                {
                    _protocolError = $"{ex.Message}: {(line.Length > 200 ? line[..200] : line)}";
                    _process.Kill(entireProcessTree: true);
                    break;
                }

                Publish(() => _events.Add(parsed));
            }

            await stderr.ConfigureAwait(false);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _protocolError ??= ex.Message;
        }
        finally
        {
            Publish(() => _exited = true);
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_gate)
            {
                if (_stderr.Length < MaxStderr)
                {
                    _stderr.AppendLine(line);
                }
            }
        }
    }

    private void Publish(Action change)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            change();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
