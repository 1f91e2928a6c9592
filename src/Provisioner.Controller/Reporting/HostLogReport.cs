namespace Provisioner.Controller.Reporting;

/// <summary>A line the agent logged during a task (<see cref="Level"/> debug, info, warning or error).</summary>
public sealed record HostLogReport(string Host, int Play, string TaskId, string Level, string Text) : ReportEvent;
