using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Controller.Reporting;

/// <summary>Statuses as they appear in output, JSON and history: lower-case words.</summary>
public static class StatusNames
{
    public const string Ok = "ok";
    public const string Changed = "changed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Rescued = "rescued";
    public const string Ignored = "ignored";
    public const string Unreachable = "unreachable";

    public static string Of(TaskStatus status) => status switch
    {
        TaskStatus.Ok => Ok,
        TaskStatus.Changed => Changed,
        TaskStatus.Failed => Failed,
        TaskStatus.Skipped => Skipped,
        TaskStatus.Rescued => Rescued,
        TaskStatus.Ignored => Ignored,
        _ => "unknown",
    };

    public static string Of(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Succeeded => "succeeded",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        RunStatus.Cancelled => "cancelled",
        _ => "unknown",
    };
}
