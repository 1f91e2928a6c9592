namespace Provisioner.Controller.Reporting;

/// <summary>Hands every report to each reporter in turn.</summary>
public sealed class TeeReporter(params IRunReporter[] reporters) : IRunReporter
{
    public void Report(ReportEvent report)
    {
        foreach (var reporter in reporters)
        {
            reporter.Report(report);
        }
    }
}
