// Runs plans one at a time on this host, durably: the API the CLI (and the gRPC service) drive.
using System.Runtime.CompilerServices;
using Provisioner.Agent.Engine;
using Provisioner.Agent.State;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Runs;

/// <summary>
/// StartRun / WatchRun / CancelRun over the engine. A run id is recorded once and never runs twice; only one run
/// executes at a time (a flock that dies with its process, shared with every other agent process on the host); every
/// event is appended to the run's log before the run goes on; a run found "running" without a live lock holder is
/// completed as interrupted.
/// </summary>
internal sealed class RunCoordinator
{
    private readonly StateLayout _layout;
    private readonly RunStore _store;
    private readonly PlayEngine _engine;
    private readonly IHandlerNotifications _notifications;
    private readonly TimeProvider _time;
    private readonly RunCoordinatorOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LiveRun?> _live = new(StringComparer.Ordinal);

    public RunCoordinator(StateLayout layout, PlayEngine engine, TimeProvider time, RunCoordinatorOptions options)
    {
        _layout = layout;
        _engine = engine;
        _time = time;
        _options = options;
        _store = new RunStore(layout, time);
        _notifications = new PersistentHandlerNotifications(new PendingHandlerStore(layout), time);
        layout.EnsureCreated();
    }

    /// <summary>
    /// At start-up: completes as interrupted every run recorded as running whose process is gone. Does nothing (and
    /// returns nothing) while another process holds the run lock, since its run is alive.
    /// </summary>
    public IReadOnlyList<RunCompletedEvent> RecoverInterrupted()
    {
        using var held = RunLock.TryAcquire(_layout.LockFile, "start-up recovery");
        return held is null ? [] : RecoverInterruptedLocked();
    }

    /// <summary>
    /// Starts a run, or reports the recorded one when the id is known. Waits up to
    /// <see cref="RunCoordinatorOptions.LockWait"/> for a run in progress, then throws <see cref="AgentBusyException"/>.
    /// </summary>
    public async Task<StartRunResult> StartAsync(string runId, HostPlan plan, CancellationToken ct)
    {
        StateLayout.CheckRunId(runId);
        lock (_gate)
        {
            if (_live.ContainsKey(runId))
            {
                return new StartRunResult(runId, AlreadyStarted: true, RunStatus.Running, []);
            }

            if (_store.TryRead(runId) is { } recorded)
            {
                return new StartRunResult(runId, AlreadyStarted: true, StatusOf(recorded), []);
            }

            // Reserved before waiting for the lock, so the same id started twice here waits in one place only.
            _live[runId] = null;
        }

        RunLock? runLock = null;
        try
        {
            runLock = await RunLock.AcquireAsync(_layout.LockFile, $"run {runId} of {plan.Host}/{plan.Play}", _options.LockWait, _time, ct)
                .ConfigureAwait(false);

            // Another process may have run this id while we waited.
            if (_store.TryRead(runId) is { } recorded)
            {
                Forget(runId);
                runLock.Dispose();
                return new StartRunResult(runId, AlreadyStarted: true, StatusOf(recorded), []);
            }

            var interrupted = RecoverInterruptedLocked();
            var live = new LiveRun(runId);
            _store.SetCurrent(runId);
            _store.Write(new RunRecord
            {
                RunId = runId,
                Status = StatusNames.Of(RunStatus.Running),
                Host = plan.Host,
                Play = plan.Play,
                Check = plan.Check,
                Pid = Environment.ProcessId,
                StartedAt = _time.GetUtcNow(),
            });
            live.Attach(_store.OpenEventLog(runId));
            lock (_gate)
            {
                _live[runId] = live;
            }

            var held = runLock;
            runLock = null;
            _ = Task.Run(() => ExecuteAsync(live, plan, held), CancellationToken.None);
            return new StartRunResult(runId, AlreadyStarted: false, RunStatus.Running, interrupted);
        }
        catch
        {
            Forget(runId);
            runLock?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Every event after <paramref name="afterSeq"/>, then live events until the run completes. Works for runs of this
    /// process (in memory), of another agent process (by following its log) and for finished runs (from the log).
    /// </summary>
    public async IAsyncEnumerable<RunEvent> WatchAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        StateLayout.CheckRunId(runId);
        var live = await LiveOrNullAsync(runId, ct).ConfigureAwait(false);
        if (live is not null)
        {
            await foreach (var e in live.WatchAsync(afterSeq, ct).ConfigureAwait(false))
            {
                yield return e;
            }

            // A watcher that saw the end may exit the process: the record and lock must be settled by then.
            await live.Finished.WaitAsync(ct).ConfigureAwait(false);
            yield break;
        }

        if (_store.TryRead(runId) is null)
        {
            throw new UnknownRunException($"no run '{runId}' is recorded on this host (under {_layout.RunsDirectory})");
        }

        var last = afterSeq;
        while (true)
        {
            foreach (var e in _store.ReadEvents(runId, last))
            {
                yield return e;
                last = e.Seq;
                if (e is RunCompletedEvent)
                {
                    yield break;
                }
            }

            if (StatusOf(_store.TryRead(runId)!) != RunStatus.Running)
            {
                // Finished: whatever was logged before the record changed has been read above or is read now.
                foreach (var e in _store.ReadEvents(runId, last))
                {
                    yield return e;
                }

                yield break;
            }

            // Running in another process; if that process is gone the lock is free, and the run is closed as interrupted.
            RecoverInterrupted();
            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Asks a run of this process to stop; returns the run's status as known now.</summary>
    public RunStatus Cancel(string runId)
    {
        StateLayout.CheckRunId(runId);
        LiveRun? live;
        lock (_gate)
        {
            _live.TryGetValue(runId, out live);
        }

        if (live is not null)
        {
            live.Cancellation.Cancel();
            return RunStatus.Running;
        }

        return _store.TryRead(runId) is { } record
            ? StatusOf(record)
            : throw new UnknownRunException($"no run '{runId}' is recorded on this host (under {_layout.RunsDirectory})");
    }

    private async Task ExecuteAsync(LiveRun live, HostPlan plan, RunLock held)
    {
        var started = _time.GetUtcNow();
        RunCompletedEvent completed;
        try
        {
            completed = await _engine.RunAsync(live.RunId, plan, live, _notifications, live.Cancellation.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug or a failing disk: the run must still end as failed, never stay "running".
            completed = new RunCompletedEvent(RunStatus.Failed, new Dictionary<string, int>(),
                $"agent error: {ex.GetType().Name}: {ex.Message}", _time.GetUtcNow() - started) { RunId = live.RunId };
            try
            {
                await live.WriteAsync(completed with { Seq = live.LastSeq + 1, Time = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // The record below still says failed; the events log may lack its last line.
            }
        }

        try
        {
            _store.Write(new RunRecord
            {
                RunId = live.RunId,
                Status = StatusNames.Of(completed.Status),
                Host = plan.Host,
                Play = plan.Play,
                Check = plan.Check,
                Pid = Environment.ProcessId,
                StartedAt = started,
                FinishedAt = _time.GetUtcNow(),
                Message = completed.Message,
                Counts = new Dictionary<string, int>(completed.Counts, StringComparer.Ordinal),
            });
            _store.ClearCurrent();
            _store.Prune(_options.KeepRuns);
        }
        finally
        {
            Forget(live.RunId);
            live.Dispose();
            held.Dispose();
            live.MarkFinished();
            _options.RunFinished?.Invoke();
        }
    }

    /// <summary>No run of this process is starting or running.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _live.Count == 0;
            }
        }
    }

    private List<RunCompletedEvent> RecoverInterruptedLocked()
    {
        if (_store.FindUnfinished() is { } dead && !IsLiveHere(dead.RunId))
        {
            var completed = _store.MarkInterrupted(dead);
            _store.ClearCurrent();
            return [completed];
        }

        return [];
    }

    private bool IsLiveHere(string runId)
    {
        lock (_gate)
        {
            return _live.TryGetValue(runId, out var live) && live is not null;
        }
    }

    private async Task<LiveRun?> LiveOrNullAsync(string runId, CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_live.TryGetValue(runId, out var live))
                {
                    return null;
                }

                if (live is not null)
                {
                    return live;
                }
            }

            // Reserved but waiting for the lock: nothing to show yet.
            await Task.Delay(_options.PollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    private void Forget(string runId)
    {
        lock (_gate)
        {
            _live.Remove(runId);
        }
    }

    private static RunStatus StatusOf(RunRecord record) =>
        StatusNames.ParseRun(record.Status) ?? throw new IOException($"run record '{record.RunId}' has unknown status '{record.Status}'");
}
