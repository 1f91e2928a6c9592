namespace Provisioner.Controller.Reporting;

/// <summary>
/// The run ended. <see cref="Outcome"/> is ok, failed (a task or a host's run failed), unreachable (no failure, but a
/// host could not be reached) or cancelled. <see cref="NotRun"/> lists hosts a play targeted but never started.
/// </summary>
public sealed record RunFinishedReport(string RunId, string Outcome, IReadOnlyList<HostRecap> Recap, IReadOnlyList<UntouchedHost> NotRun, double DurationMs) : ReportEvent;
