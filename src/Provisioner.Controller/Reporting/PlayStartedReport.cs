namespace Provisioner.Controller.Reporting;

/// <summary>A play began on these hosts (those that failed earlier are no longer among them). <see cref="Play"/> counts from 0.</summary>
public sealed record PlayStartedReport(int Play, string Name, IReadOnlyList<string> Hosts) : ReportEvent;
