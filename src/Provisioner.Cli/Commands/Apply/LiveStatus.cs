using System.Globalization;
using Provisioner.Controller.Reporting;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>
/// Follows which task each host is running and, once a task has taken more than a couple of seconds, keeps a status
/// line on the terminal up to date ("web1: install packages (14s) · db1: ..."), refreshed every second.
/// </summary>
internal sealed class LiveStatus : IRunReporter, IDisposable
{
    private static readonly TimeSpan ShowAfter = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private readonly ConsoleTextSink _sink;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, (string Task, DateTimeOffset Since)> _running = new(StringComparer.Ordinal);
    private readonly ITimer _timer;

    public LiveStatus(ConsoleTextSink sink, TimeProvider time)
    {
        _sink = sink;
        _time = time;
        _timer = time.CreateTimer(_ => Refresh(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public void Report(ReportEvent report)
    {
        lock (_gate)
        {
            switch (report)
            {
                case TaskStartedReport s:
                    _running[s.Host] = (s.Role is { Length: > 0 } role ? $"{role} : {s.Name}" : s.Name, _time.GetUtcNow());
                    break;
                case TaskResultReport { Item: null } r:
                    _running.Remove(r.Host);
                    break;
                case HostRunCompletedReport c:
                    _running.Remove(c.Host);
                    break;
                case HostUnreachableReport u:
                    _running.Remove(u.Host);
                    break;
                case RunFinishedReport:
                    _running.Clear();
                    break;
            }
        }

        if (report is RunFinishedReport)
        {
            _sink.SetStatus(string.Empty);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _sink.SetStatus(string.Empty);
    }

    private void Refresh()
    {
        string status;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var slow = _running.Where(kv => now - kv.Value.Since >= ShowAfter).OrderBy(kv => kv.Value.Since).ToList();
            status = slow.Count == 0
                ? string.Empty
                : "  " + string.Join(" · ", slow.Select(kv => $"{kv.Key}: {kv.Value.Task} ({((int)(now - kv.Value.Since).TotalSeconds).ToString(CultureInfo.InvariantCulture)}s)"));
        }

        _sink.SetStatus(status);
    }
}
