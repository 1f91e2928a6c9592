using Provisioner.Core.Runs;

namespace Provisioner.Controller.Dispatch;

/// <summary>The agent's answer to StartRun: the run's id, whether it existed already, and its status now.</summary>
public sealed record StartRunReply(string RunId, bool AlreadyStarted, RunStatus Status);
