// A run executing in this process: its events go to the log on disk and to everyone watching.
using Provisioner.Agent.Engine;
using Provisioner.Agent.State;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Runs;

internal sealed class LiveRun : IRunEventSink, IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _events = [];
    private EventLog? _log;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LiveRun(string runId)
    {
        RunId = runId;
    }

    public string RunId { get; }

    public CancellationTokenSource Cancellation { get; } = new();

    public bool Completed { get; private set; }

    /// <summary>Completes once the run record is written and the run lock released: after that the run is history.</summary>
    public Task Finished => _finished.Task;

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _events.Count == 0 ? 0 : _events[^1].Seq;
            }
        }
    }

    public void Attach(EventLog log) => _log = log;

    public ValueTask WriteAsync(RunEvent runEvent, CancellationToken ct)
    {
        _log?.Append(runEvent);
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(runEvent);
            Completed |= runEvent is RunCompletedEvent;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return ValueTask.CompletedTask;
    }

    /// <summary>Events after <paramref name="afterSeq"/>, then live ones, until the run completes.</summary>
    public async IAsyncEnumerable<RunEvent> WatchAsync(long afterSeq, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var last = afterSeq;
        while (true)
        {
            List<RunEvent> batch;
            Task changed;
            bool completed;
            lock (_gate)
            {
                batch = _events.Where(e => e.Seq > last).ToList();
                changed = _changed.Task;
                completed = Completed;
            }

            foreach (var e in batch)
            {
                yield return e;
                last = e.Seq;
            }

            if (completed)
            {
                yield break;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    public void MarkFinished() => _finished.TrySetResult();

    public void Dispose()
    {
        _log?.Dispose();
        Cancellation.Dispose();
    }
}
