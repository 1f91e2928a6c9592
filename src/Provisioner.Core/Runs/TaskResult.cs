namespace Provisioner.Core.Runs;

/// <summary>What happened to one task (or one loop item) on one host.</summary>
public sealed record TaskResult
{
    public required string TaskId { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Module { get; init; } = string.Empty;

    public required TaskStatus Status { get; init; }

    public string Message { get; init; } = string.Empty;

    public IReadOnlyList<DiffEntry> Diff { get; init; } = [];

    /// <summary>The value <c>register</c> stores: plain data.</summary>
    public object? Result { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Loop item label; null outside loops.</summary>
    public string? Item { get; init; }

    public bool Handler { get; init; }

    public bool TimedOut { get; init; }
}
