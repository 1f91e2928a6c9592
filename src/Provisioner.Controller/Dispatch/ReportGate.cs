using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Dispatch;

/// <summary>Hosts report concurrently; reporters see one event at a time, stamped, and the recap counts them all.</summary>
internal sealed class ReportGate
{
    private readonly Lock _gate = new();
    private readonly IRunReporter _reporter;
    private readonly TimeProvider _time;

    public ReportGate(IRunReporter reporter, TimeProvider time)
    {
        _reporter = reporter;
        _time = time;
    }

    public RecapCounter Recap { get; } = new();

    public void Report(ReportEvent report)
    {
        lock (_gate)
        {
            var stamped = report.Time == default ? report with { Time = _time.GetUtcNow() } : report;
            Recap.Report(stamped);
            _reporter.Report(stamped);
        }
    }

    public IReadOnlyList<HostRecap> RecapSnapshot()
    {
        lock (_gate)
        {
            return Recap.Recap;
        }
    }
}
