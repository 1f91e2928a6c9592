namespace Provisioner.Core.Runs;

/// <summary>The last event of every run.</summary>
public sealed record RunCompletedEvent(RunStatus Status, IReadOnlyDictionary<string, int> Counts, string Message, TimeSpan Duration) : RunEvent;
