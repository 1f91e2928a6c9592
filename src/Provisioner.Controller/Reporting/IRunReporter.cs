namespace Provisioner.Controller.Reporting;

/// <summary>Receives a run's events in order. The dispatcher calls it from one thread at a time.</summary>
public interface IRunReporter
{
    void Report(ReportEvent report);
}
