namespace Provisioner.Core.Runs;

/// <summary>One event of a run's stream; <see cref="Seq"/> counts from 1 so a watcher can resume after any event.</summary>
public abstract record RunEvent
{
    public required string RunId { get; init; }

    public long Seq { get; init; }

    public DateTimeOffset Time { get; init; }
}

