namespace Provisioner.Agent.State;

/// <summary>What STATE_DIR/runs/RUN_ID/run.json holds.</summary>
internal sealed record RunRecord
{
    public required string RunId { get; init; }

    /// <summary>running, succeeded, failed, interrupted or cancelled.</summary>
    public required string Status { get; init; }

    public string Host { get; init; } = string.Empty;

    public string Play { get; init; } = string.Empty;

    public bool Check { get; init; }

    /// <summary>The process that executed (or executes) the run.</summary>
    public int Pid { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public string Message { get; init; } = string.Empty;

    public Dictionary<string, int>? Counts { get; init; }
}
