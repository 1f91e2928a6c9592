namespace Provisioner.Agent.State;

/// <summary>A handler name or listen topic that was notified by a changed task and has not run since.</summary>
internal sealed record PendingNotification(string Topic, string RunId, string TaskId, DateTimeOffset NotifiedAt);
