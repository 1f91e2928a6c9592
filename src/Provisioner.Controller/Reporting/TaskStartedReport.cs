namespace Provisioner.Controller.Reporting;

/// <summary>A host began a task or handler.</summary>
public sealed record TaskStartedReport(string Host, int Play, string TaskId, string Name, string? Role, bool Handler) : ReportEvent;
