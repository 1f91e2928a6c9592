using Provisioner.Controller.Reporting;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// One host's run of one play: connect, check the agent has every module, StartRun with the derived id, then watch
/// the events to the end, resuming after the last seq seen when the stream breaks. Events become reports; what went
/// wrong becomes unreachable (cannot reach the agent) or failed (the agent refused or the run failed).
/// </summary>
internal sealed class HostRunner
{
    private readonly ConnectionPool _pool;
    private readonly ReportGate _reports;
    private readonly TimeProvider _time;
    private readonly DispatchOptions _options;

    public HostRunner(ConnectionPool pool, ReportGate reports, TimeProvider time, DispatchOptions options)
    {
        _pool = pool;
        _reports = reports;
        _time = time;
        _options = options;
    }

    public async Task<HostResult> RunAsync(int play, HostPlan plan, string agentRunId, CancellationToken ct)
    {
        var host = plan.Host;
        var index = new TaskIndex(plan);
        IHostConnection connection;
        try
        {
            connection = await _pool.GetAsync(host, ct).ConfigureAwait(false);
            var capabilities = await _pool.CapabilitiesAsync(host, connection, ct).ConfigureAwait(false);
            if (capabilities.Modules.Count > 0 && index.Modules.Except(capabilities.Modules, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
            {
                _reports.Report(new HostFailedReport(host, play,
                    $"the agent (version {capabilities.AgentVersion}) has no module {string.Join(", ", missing)}: update prov-agent on {host}"));
                return HostResult.Failed;
            }

            await connection.StartRunAsync(agentRunId, plan, ct).ConfigureAwait(false);
        }
        catch (HostUnreachableException ex)
        {
            _pool.Drop(host);
            _reports.Report(new HostUnreachableReport(host, play, ex.Message));
            return HostResult.Unreachable;
        }
        catch (AgentRunException ex)
        {
            _reports.Report(new HostFailedReport(host, play, $"the agent did not start the run: {ex.Message}"));
            return HostResult.Failed;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return HostResult.Cancelled;
        }

        var watch = new Watch(host, play, agentRunId, index);
        try
        {
            return await WatchAsync(watch, connection, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return await CancelAsync(watch).ConfigureAwait(false);
        }
    }

    private async Task<HostResult> WatchAsync(Watch watch, IHostConnection connection, CancellationToken ct)
    {
        var resumes = 0;
        while (true)
        {
            try
            {
                if (await FollowAsync(watch, connection, ct).ConfigureAwait(false) is { } done)
                {
                    return done;
                }

                throw new HostUnreachableException(watch.Host, "the agent's event stream ended before the run completed");
            }
            catch (HostUnreachableException ex)
            {
                _pool.Drop(watch.Host);
                if (++resumes > _options.WatchResumeAttempts)
                {
                    _reports.Report(new HostUnreachableReport(watch.Host, watch.Play,
                        $"lost contact during run {watch.AgentRunId} ({ex.Message}); the run may still be going on on the host"));
                    return HostResult.Unreachable;
                }
            }
            catch (AgentRunException ex)
            {
                _reports.Report(new HostFailedReport(watch.Host, watch.Play, $"watching run {watch.AgentRunId} failed: {ex.Message}"));
                return HostResult.Failed;
            }

            await Task.Delay(_options.WatchResumeDelay, _time, ct).ConfigureAwait(false);
            try
            {
                connection = await _pool.GetAsync(watch.Host, ct).ConfigureAwait(false);
            }
            catch (HostUnreachableException)
            {
                // Counted as one more attempt by the next round's failure.
                connection = new Unconnected(watch.Host);
            }
        }
    }

    /// <summary>Reports events after the last one seen; the host's result once the run completed, null if the stream ended early.</summary>
    private async Task<HostResult?> FollowAsync(Watch watch, IHostConnection connection, CancellationToken ct)
    {
        await foreach (var e in connection.WatchRunAsync(watch.AgentRunId, watch.LastSeq, ct).ConfigureAwait(false))
        {
            if (e.Seq != 0 && e.Seq <= watch.LastSeq)
            {
                continue;
            }

            watch.LastSeq = e.Seq;
            if (Forward(watch, e) is { } result)
            {
                return result;
            }
        }

        return null;
    }

    private HostResult? Forward(Watch watch, RunEvent e)
    {
        var (host, play) = (watch.Host, watch.Play);
        switch (e)
        {
            case TaskStartedEvent s:
                _reports.Report(new TaskStartedReport(host, play, s.TaskId, s.Name, watch.Index.Find(s.TaskId)?.Role, s.Handler) { Time = e.Time });
                return null;
            case TaskResultEvent { Result: var r }:
                watch.TaskFailed |= r.Status == TaskStatus.Failed;
                _reports.Report(new TaskResultReport(host, play, r.TaskId, r.Name, StatusNames.Of(r.Status))
                {
                    Time = e.Time,
                    Role = watch.Index.Find(r.TaskId)?.Role,
                    Module = r.Module,
                    Message = r.Message,
                    Item = r.Item,
                    Handler = r.Handler,
                    TimedOut = r.TimedOut,
                    DurationMs = r.Duration.TotalMilliseconds,
                    Diff = r.Diff,
                    Result = r.Result,
                });
                return null;
            case LogEvent l:
                _reports.Report(new HostLogReport(host, play, l.TaskId, l.Level, l.Text) { Time = e.Time });
                return null;
            case RunCompletedEvent c:
                return Completed(watch, c);
            default:
                return null;
        }
    }

    private HostResult Completed(Watch watch, RunCompletedEvent c)
    {
        var result = c.Status switch
        {
            RunStatus.Succeeded => HostResult.Ok,
            RunStatus.Cancelled => HostResult.Cancelled,
            _ => HostResult.Failed,
        };
        if (result != HostResult.Ok && !watch.TaskFailed)
        {
            // No task result says why: the run itself failed (facts, interrupted, cancelled); the recap must show it.
            _reports.Report(new HostFailedReport(watch.Host, watch.Play, $"run {StatusNames.Of(c.Status)}: {c.Message}"));
        }

        _reports.Report(new HostRunCompletedReport(watch.Host, watch.Play, watch.AgentRunId, StatusNames.Of(c.Status), c.Message, c.Duration.TotalMilliseconds)
        {
            Time = c.Time,
        });
        return result;
    }

    /// <summary>Ctrl+C: ask the agent to stop the run and report its end, within the grace period.</summary>
    private async Task<HostResult> CancelAsync(Watch watch)
    {
        using var grace = new CancellationTokenSource(_options.CancelGrace, _time);
        try
        {
            var connection = await _pool.GetAsync(watch.Host, grace.Token).ConfigureAwait(false);
            await connection.CancelRunAsync(watch.AgentRunId, grace.Token).ConfigureAwait(false);
            return await FollowAsync(watch, connection, grace.Token).ConfigureAwait(false) ?? HostResult.Cancelled;
        }
        catch (Exception ex) when (ex is ProvisionerException or OperationCanceledException)
        {
            _reports.Report(new HostFailedReport(watch.Host, watch.Play,
                $"cancelled; the end of run {watch.AgentRunId} was not seen ({ex.Message}): the run may still be going on on the host"));
            return HostResult.Cancelled;
        }
    }

    private sealed class Watch(string host, int play, string agentRunId, TaskIndex index)
    {
        public string Host { get; } = host;

        public int Play { get; } = play;

        public string AgentRunId { get; } = agentRunId;

        public TaskIndex Index { get; } = index;

        public long LastSeq { get; set; }

        public bool TaskFailed { get; set; }
    }

    /// <summary>Stands in for a connection that could not be made again, so that the next round counts as a failed attempt.</summary>
    private sealed class Unconnected(string host) : IHostConnection
    {
        public string Host => host;

        public Task<AgentCapabilities> GetCapabilitiesAsync(CancellationToken ct) => throw Unreachable();

        public Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct) => throw Unreachable();

        public Task<StartRunReply> StartRunAsync(string runId, HostPlan plan, CancellationToken ct) => throw Unreachable();

        public IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, CancellationToken ct) => throw Unreachable();

        public Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct) => throw Unreachable();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private HostUnreachableException Unreachable() => new(host, $"cannot connect to {host} again");
    }
}
