namespace Provisioner.Controller.Reporting;

/// <summary>A host's run of a play ended; <see cref="Status"/> is the agent's: succeeded, failed, interrupted or cancelled.</summary>
public sealed record HostRunCompletedReport(string Host, int Play, string AgentRunId, string Status, string Message, double DurationMs) : ReportEvent;
