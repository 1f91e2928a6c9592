namespace Provisioner.Controller.Reporting;

/// <summary>A <c>serial</c> batch began; <see cref="Batch"/> counts from 1 up to <see cref="Batches"/>.</summary>
public sealed record BatchStartedReport(int Play, int Batch, int Batches, IReadOnlyList<string> Hosts) : ReportEvent;
