using Provisioner.Core.Runs;

namespace Provisioner.Agent.Runs;

/// <summary>
/// What StartRun answers: the run's id, whether it existed already (then nothing new was started), its status now,
/// and runs found dead at start-up that were marked interrupted on the way.
/// </summary>
internal sealed record StartRunResult(string RunId, bool AlreadyStarted, RunStatus Status, IReadOnlyList<RunCompletedEvent> Interrupted);
