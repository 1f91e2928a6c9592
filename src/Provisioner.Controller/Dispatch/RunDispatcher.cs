using Provisioner.Controller.Planning;
using Provisioner.Controller.Reporting;
using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// Runs a compiled playbook: plays in order; facts gathered once from every targeted host before the first play; in a
/// play, hosts in <c>serial</c> batches, each host of a batch running its whole plan autonomously (one StartRun per host
/// per play, at most <c>--forks</c> at once). A host that failed or was unreachable takes no part in later plays. After a
/// batch, <see cref="FailureThreshold"/> decides whether the run goes on; when it stops, no further batch (and no later
/// play) starts and the hosts left are listed as not run.
/// </summary>
public sealed class RunDispatcher
{
    private readonly IAgentConnector _connector;
    private readonly TimeProvider _time;
    private readonly DispatchOptions _options;
    private readonly HostVarsBuilder _hostVars;

    public RunDispatcher(IAgentConnector connector, TimeProvider time, DispatchOptions? options = null, HostVarsBuilder? hostVars = null)
    {
        _connector = connector;
        _time = time;
        _options = options ?? new DispatchOptions();
        _hostVars = hostVars ?? new HostVarsBuilder();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.Forks, 1, nameof(options));
    }

    /// <summary>Warnings found on the way (a hostvars value that could not be rendered on the controller).</summary>
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    private readonly List<Diagnostic> _warnings = [];

    public async Task<RunSummary> RunAsync(CompiledPlaybook playbook, IRunReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(reporter);
        var runId = _options.RunId ?? Ulid.New(_time);
        var started = _time.GetTimestamp();
        var reports = new ReportGate(reporter, _time);
        reports.Report(new RunStartedReport(runId, playbook.Path, _options.User, playbook.Check, playbook.Diff, playbook.TargetedHosts));

        var run = new RunState(playbook, runId, reports);
        await using (var pool = new ConnectionPool(_connector, playbook.Addresses))
        {
            using var forks = new SemaphoreSlim(_options.Forks);
            var runner = new HostRunner(pool, reports, _time, _options);
            foreach (var play in playbook.Plays)
            {
                if (run.Stopped)
                {
                    run.NotRun(play, play.Hosts.Where(h => !run.Lost.Contains(h)));
                    continue;
                }

                await RunPlayAsync(play, run, pool, forks, runner, ct).ConfigureAwait(false);
            }
        }

        var recap = reports.RecapSnapshot().OrderBy(r => playbook.Inventory.IndexOf(r.Host)).ToList();
        var outcome = run.Cancelled || ct.IsCancellationRequested ? RunOutcome.Cancelled
            : recap.Any(r => r.Failed > 0) || run.Untouched.Count > 0 ? RunOutcome.Failed
            : recap.Any(r => r.Unreachable > 0) ? RunOutcome.Unreachable
            : RunOutcome.Ok;
        var duration = _time.GetElapsedTime(started);
        reports.Report(new RunFinishedReport(runId, Name(outcome), recap, run.Untouched, duration.TotalMilliseconds));
        return new RunSummary(runId, outcome, recap, run.Untouched, duration);
    }

    private async Task RunPlayAsync(CompiledPlay play, RunState run, ConnectionPool pool, SemaphoreSlim forks, HostRunner runner, CancellationToken ct)
    {
        var reports = run.Reports;
        reports.Report(new PlayStartedReport(play.Index, play.Name, play.Hosts.Where(h => !run.Lost.Contains(h)).ToList()));
        if (!run.Facts.Gathered && run.Playbook.Plays.Any(p => p.GatherFacts || p.UsesHostVars))
        {
            var lost = await run.Facts.GatherAsync(run.Playbook.TargetedHosts, pool, forks, reports, ct).ConfigureAwait(false);
            run.Lost.UnionWith(lost);
        }

        var hosts = play.Hosts.Where(h => !run.Lost.Contains(h)).ToList();
        var hostVars = play.UsesHostVars ? run.HostVars(_hostVars, _warnings) : null;
        var batches = Batches.Split(hosts, play.Serial);
        var failedInPlay = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            if (run.Stopped)
            {
                run.NotRun(play, batch);
                continue;
            }

            if (batches.Count > 1)
            {
                reports.Report(new BatchStartedReport(play.Index, b + 1, batches.Count, batch));
            }

            var active = hosts.Where(h => !failedInPlay.Contains(h)).ToList();
            var results = await Task.WhenAll(batch.Select(async host =>
            {
                var plan = PlanFinisher.Finish(play.Plans[host], play, batch, active, hostVars);
                await forks.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    return (Host: host, Result: await runner.RunAsync(play.Index, plan, AgentRunIds.For(run.RunId, play.Index, host), ct).ConfigureAwait(false));
                }
                finally
                {
                    forks.Release();
                }
            })).ConfigureAwait(false);

            foreach (var (host, result) in results.Where(r => r.Result != HostResult.Ok))
            {
                failedInPlay.Add(host);
                run.Lost.Add(host);
            }

            if (results.Any(r => r.Result == HostResult.Cancelled) || ct.IsCancellationRequested)
            {
                run.Cancelled = true;
                run.Stopped = true;
                continue;
            }

            var failures = results.Count(r => r.Result is HostResult.Failed or HostResult.Unreachable);
            if (FailureThreshold.Check(play, b + 1, batch.Count, failures) is { } reason)
            {
                run.Stopped = true;
                reports.Report(new PlayAbortedReport(play.Index, play.Name, reason, batches.Skip(b + 1).SelectMany(x => x).ToList()));
            }
        }
    }

    private static string Name(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Ok => "ok",
        RunOutcome.Failed => "failed",
        RunOutcome.Unreachable => "unreachable",
        _ => "cancelled",
    };

    /// <summary>What one run knows as it goes: hosts out of the game, facts, whether it stopped, who was never started.</summary>
    private sealed class RunState(CompiledPlaybook playbook, string runId, ReportGate reports)
    {
        private IReadOnlyDictionary<string, object?>? _hostVars;

        public CompiledPlaybook Playbook { get; } = playbook;

        public string RunId { get; } = runId;

        public ReportGate Reports { get; } = reports;

        public FactCache Facts { get; } = new();

        public HashSet<string> Lost { get; } = new(StringComparer.Ordinal);

        public List<UntouchedHost> Untouched { get; } = [];

        public bool Stopped { get; set; }

        public bool Cancelled { get; set; }

        public void NotRun(CompiledPlay play, IEnumerable<string> hosts) =>
            Untouched.AddRange(hosts.Select(h => new UntouchedHost(h, play.Index, play.Name)));

        public IReadOnlyDictionary<string, object?> HostVars(HostVarsBuilder builder, List<Diagnostic> warnings) =>
            _hostVars ??= builder.Build(Playbook.Inventory, Facts.Facts, warnings);
    }
}
