using Provisioner.Core.Runs;

namespace Provisioner.Agent.Engine;

/// <summary>
/// Receives a run's events in order, already numbered (Seq 1, 2, 3...), time-stamped and masked (no_log and secret
/// values replaced). The run waits for each write, so a sink that persists makes the event durable before the run goes on.
/// </summary>
public interface IRunEventSink
{
    ValueTask WriteAsync(RunEvent runEvent, CancellationToken ct);
}
