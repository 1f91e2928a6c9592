namespace Provisioner.Controller.Reporting;

/// <summary>The run began: its id, who started it, what, and on which hosts.</summary>
public sealed record RunStartedReport(string RunId, string Playbook, string User, bool Check, bool Diff, IReadOnlyList<string> Hosts) : ReportEvent;
