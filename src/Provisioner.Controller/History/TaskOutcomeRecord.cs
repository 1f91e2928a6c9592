using Provisioner.Core.Runs;

namespace Provisioner.Controller.History;

/// <summary>One task (or loop item) outcome of a recorded run, masked as it was reported.</summary>
public sealed record TaskOutcomeRecord(string Host, int Play, string TaskId, string Name, string Status)
{
    public string? Role { get; init; }

    public string Module { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string? Item { get; init; }

    public bool Handler { get; init; }

    public double DurationMs { get; init; }

    public IReadOnlyList<DiffEntry> Diff { get; init; } = [];
}
