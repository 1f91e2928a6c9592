namespace Provisioner.Controller.Transport;

/// <summary>How hard a client tries before it declares a host unreachable.</summary>
public sealed record AgentClientOptions
{
    /// <summary>
    /// Attempts per call (and per break of an event stream) while the connection fails; between them the client waits
    /// <see cref="RetryDelay"/>, doubling up to <see cref="MaxRetryDelay"/>. Every call retried is idempotent:
    /// StartRun by its run id, WatchRun by resuming after the last event received.
    /// </summary>
    public int Attempts { get; init; } = 6;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of one unary call; StartRun may wait on the agent for a run in progress (its lock_wait_seconds).</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
