namespace Provisioner.Core.Runs;

/// <summary>A task (or handler) began.</summary>
public sealed record TaskStartedEvent(string TaskId, string Name, bool Handler) : RunEvent;
