namespace Provisioner.Controller.Reporting;

/// <summary>Too many hosts failed: no further batch of this play (and no later play) starts; <see cref="NotStarted"/> are left untouched.</summary>
public sealed record PlayAbortedReport(int Play, string Name, string Reason, IReadOnlyList<string> NotStarted) : ReportEvent;
