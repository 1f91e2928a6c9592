namespace Provisioner.Core.Runs;

/// <summary>A line of output from a task, already masked.</summary>
public sealed record LogEvent(string TaskId, string Level, string Text) : RunEvent;
