namespace Provisioner.Controller.Reporting;

/// <summary>A host's run failed for a reason that is not a task's (agent busy, plan refused, run interrupted or cancelled).</summary>
public sealed record HostFailedReport(string Host, int Play, string Message) : ReportEvent;
