namespace Provisioner.Controller.Reporting;

/// <summary>The host's agent could not be reached (or contact was lost); the host takes no further part in the run.</summary>
public sealed record HostUnreachableReport(string Host, int? Play, string Message) : ReportEvent;
