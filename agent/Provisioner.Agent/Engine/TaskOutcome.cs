using Provisioner.Core.Runs;

namespace Provisioner.Agent.Engine;

/// <summary>How one task (or one loop item) ended, before it becomes a status: the flags, and what <c>register</c> stores.</summary>
internal sealed record TaskOutcome
{
    public bool Changed { get; init; }

    public bool Failed { get; init; }

    public bool Skipped { get; init; }

    public bool TimedOut { get; init; }

    public string Message { get; init; } = string.Empty;

    public IReadOnlyList<DiffEntry> Diff { get; init; } = [];

    /// <summary>The task asked for the handlers notified so far to run now (meta: flush_handlers).</summary>
    public bool FlushHandlers { get; init; }

    /// <summary>Ansible's shape: changed, failed, msg, diff, skipped, module returns (rc, stdout...), results for loops.</summary>
    public required OrderedDictionary<string, object?> Registered { get; init; }

    public static TaskOutcome Failure(string message, bool timedOut = false) => new()
    {
        Failed = true,
        TimedOut = timedOut,
        Message = message,
        Registered = RegisteredValues.Failure(message),
    };

    public static TaskOutcome Skip(string message, string? falseCondition = null) => new()
    {
        Skipped = true,
        Message = message,
        Registered = RegisteredValues.Skipped(message, falseCondition),
    };
}
