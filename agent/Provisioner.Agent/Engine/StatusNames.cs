// The lower-case names of task and run statuses, as events, records and counts spell them.
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Engine;

internal static class StatusNames
{
    public static string Of(TaskStatus status) => status switch
    {
        TaskStatus.Ok => "ok",
        TaskStatus.Changed => "changed",
        TaskStatus.Failed => "failed",
        TaskStatus.Skipped => "skipped",
        TaskStatus.Rescued => "rescued",
        TaskStatus.Ignored => "ignored",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown task status"),
    };

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown run status"),
    };

    public static TaskStatus? ParseTask(string? name) =>
        Enum.GetValues<TaskStatus>().Cast<TaskStatus?>().FirstOrDefault(s => Of(s!.Value) == name);

    public static RunStatus? ParseRun(string? name) =>
        Enum.GetValues<RunStatus>().Cast<RunStatus?>().FirstOrDefault(s => Of(s!.Value) == name);
}
