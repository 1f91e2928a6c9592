namespace Provisioner.Controller.Reporting;

/// <summary>Facts were gathered from a host (<see cref="Status"/> ok), or could not be (failed, unreachable).</summary>
public sealed record FactsReport(string Host, string Status, string Message) : ReportEvent;
