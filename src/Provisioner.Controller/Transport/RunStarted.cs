using Provisioner.Core.Runs;

namespace Provisioner.Controller.Transport;

/// <summary>The agent's answer to StartRun: whether the run id was known already (then nothing new ran) and its status.</summary>
public sealed record RunStarted(string RunId, bool AlreadyStarted, RunStatus Status);
