using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Dispatch;

/// <summary>The end of a run: its id, outcome, the recap per host and the hosts left untouched.</summary>
public sealed record RunSummary(string RunId, RunOutcome Outcome, IReadOnlyList<HostRecap> Recap, IReadOnlyList<UntouchedHost> NotRun, TimeSpan Duration);
