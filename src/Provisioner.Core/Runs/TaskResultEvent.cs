namespace Provisioner.Core.Runs;

/// <summary>A task (or one loop item) finished.</summary>
public sealed record TaskResultEvent(TaskResult Result) : RunEvent;
