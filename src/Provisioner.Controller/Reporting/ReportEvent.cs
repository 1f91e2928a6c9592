using System.Text.Json.Serialization;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// One thing that happened during <c>prov apply</c>, in the order it happened: what reporters render, what
/// <c>--output json</c> prints (one per line, <c>type</c> first) and what the run history stores and replays.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunStartedReport), "run_started")]
[JsonDerivedType(typeof(PlayStartedReport), "play_started")]
[JsonDerivedType(typeof(BatchStartedReport), "batch_started")]
[JsonDerivedType(typeof(FactsReport), "facts")]
[JsonDerivedType(typeof(TaskStartedReport), "task_started")]
[JsonDerivedType(typeof(TaskResultReport), "task_result")]
[JsonDerivedType(typeof(HostLogReport), "log")]
[JsonDerivedType(typeof(HostUnreachableReport), "host_unreachable")]
[JsonDerivedType(typeof(HostFailedReport), "host_failed")]
[JsonDerivedType(typeof(HostRunCompletedReport), "host_run_completed")]
[JsonDerivedType(typeof(PlayAbortedReport), "play_aborted")]
[JsonDerivedType(typeof(RunFinishedReport), "run_finished")]
public abstract record ReportEvent
{
    public DateTimeOffset Time { get; init; }
}
