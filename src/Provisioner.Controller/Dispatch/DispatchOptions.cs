namespace Provisioner.Controller.Dispatch;

/// <summary>How a run is driven: concurrency, the run id, and how hard to hold on to a host whose stream broke.</summary>
public sealed record DispatchOptions
{
    /// <summary><c>--forks</c>: at most this many hosts are contacted at once (facts and runs).</summary>
    public int Forks { get; init; } = 50;

    /// <summary>The run's id; a new ULID when null. Each host's run of each play gets an id derived from it.</summary>
    public string? RunId { get; init; }

    public string User { get; init; } = Environment.UserName;

    /// <summary>How many times watching a host's run is resumed after the connection broke before the host counts as unreachable.</summary>
    public int WatchResumeAttempts { get; init; } = 5;

    public TimeSpan WatchResumeDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>After a cancel (Ctrl+C), how long to wait for each running host to report its run cancelled.</summary>
    public TimeSpan CancelGrace { get; init; } = TimeSpan.FromSeconds(30);
}
