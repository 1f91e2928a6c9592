using Provisioner.Core.Runs;

namespace Provisioner.Modules.Abstractions;

/// <summary>What one module invocation did; the engine turns it into a task status.</summary>
public sealed record ModuleOutcome
{
    public bool Changed { get; init; }

    public bool Failed { get; init; }

    public string Message { get; init; } = string.Empty;

    public IReadOnlyList<DiffEntry> Diff { get; init; } = [];

    /// <summary>Module-specific returned values (stdout, rc, path...), plain data.</summary>
    public IReadOnlyDictionary<string, object?> Returns { get; init; } = new Dictionary<string, object?>();

    /// <summary>Variables the module sets for the rest of the play (set_fact).</summary>
    public IReadOnlyDictionary<string, object?> Facts { get; init; } = new Dictionary<string, object?>();

    /// <summary>The engine runs the handlers notified so far right after this task (meta: flush_handlers).</summary>
    public bool FlushHandlers { get; init; }

    /// <summary>True when the module did nothing because check mode cannot predict it (command without creates/removes).</summary>
    public bool SkippedInCheckMode { get; init; }

    public static ModuleOutcome Fail(string message) => new() { Failed = true, Message = message };
}
