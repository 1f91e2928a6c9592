using Provisioner.Core.Plans;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// One host's agent, as the dispatcher drives it: the Agent service of <c>proto/provisioner/v1/agent.proto</c> in Core
/// types. Every method throws <see cref="HostUnreachableException"/> when the connection is lost or cannot be made
/// again, and <see cref="AgentRunException"/> when the agent answers but refuses (busy, invalid plan, unknown run).
/// </summary>
public interface IHostConnection : IAsyncDisposable
{
    /// <summary>The inventory name of the host.</summary>
    string Host { get; }

    Task<AgentCapabilities> GetCapabilitiesAsync(CancellationToken ct);

    /// <summary>The host's facts as plain data (one RPC).</summary>
    Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct);

    /// <summary>
    /// Starts a run with a client-chosen id. Idempotent: a repeated call with the same id returns the existing run
    /// (<see cref="StartRunReply.AlreadyStarted"/>) and never runs the plan twice.
    /// </summary>
    Task<StartRunReply> StartRunAsync(string runId, HostPlan plan, CancellationToken ct);

    /// <summary>
    /// Every event of the run after <paramref name="afterSeq"/>, then live events until (and including) the
    /// <see cref="RunCompletedEvent"/>. Calling it again with the last seq seen resumes after a lost connection.
    /// </summary>
    IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, CancellationToken ct);

    /// <summary>Asks the agent to stop the run; the run still ends with a <see cref="RunCompletedEvent"/> (cancelled).</summary>
    Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct);
}
