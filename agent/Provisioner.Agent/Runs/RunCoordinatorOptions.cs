namespace Provisioner.Agent.Runs;

internal sealed record RunCoordinatorOptions
{
    /// <summary>How long a new run waits for the one in progress before it is refused as busy.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished runs kept on disk (their ids stay idempotent); older ones are deleted.</summary>
    public int KeepRuns { get; init; } = 1000;

    /// <summary>How often a watcher re-reads the event log of a run executing in another process.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Called after every run of this process has ended and its record is written (the serving agent
    /// releases memory then); must return quickly and not throw.</summary>
    public Action? RunFinished { get; init; }
}
