using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.Dispatch;

internal sealed class CollectingReporter : IRunReporter
{
    public List<ReportEvent> Reports { get; } = [];

    public void Report(ReportEvent report) => Reports.Add(report);

    public IEnumerable<T> Of<T>() => Reports.OfType<T>();
}
