using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.History;

/// <summary>
/// Records a run's reports in the history. <see cref="Report"/> only queues the report (the dispatcher calls it with its
/// report lock held, so it must not wait for the disk); one writer drains the queue and commits whatever has
/// accumulated in one transaction, so a busy run costs a few transactions, not one per event. <see cref="CompleteAsync"/>
/// (or disposing) waits until every report queued so far is committed: call it before the process exits, whether the
/// run ended normally, failed or was cancelled. A history that cannot be written must not stop the run: the first error
/// is kept in <see cref="Error"/> (for the CLI to warn about) and recording stops.
/// </summary>
public sealed class HistoryRecorder : IRunReporter, IAsyncDisposable, IDisposable
{
    /// <summary>At most this many reports per transaction, so a huge backlog still commits in steps.</summary>
    private const int MaxBatch = 4096;

    private readonly HistoryStore _store;
    private readonly Channel<ReportEvent> _queue = Channel.CreateUnbounded<ReportEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private string? _runId;
    private volatile string? _error;

    public HistoryRecorder(HistoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Why the history stopped recording this run; read it after <see cref="CompleteAsync"/>.</summary>
    public string? Error => _error;

    public void Report(ReportEvent report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_error is null && !_queue.Writer.TryWrite(report))
        {
            throw new InvalidOperationException("the run history recorder has been completed; no further report can be recorded");
        }
    }

    /// <summary>Stops accepting reports and waits until every report queued so far is committed (or recording failed).</summary>
    public Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        return _writer;
    }

    public ValueTask DisposeAsync() => new(CompleteAsync());

    public void Dispose() => CompleteAsync().GetAwaiter().GetResult();

    private async Task WriteAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<ReportEvent>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var report))
            {
                batch.Add(report);
            }

            if (_error is null)
            {
                Write(batch);
            }
        }
    }

    /// <summary>Writes a batch, split where a new run starts (each part belongs to one run).</summary>
    private void Write(List<ReportEvent> batch)
    {
        var start = 0;
        for (var i = 0; i <= batch.Count; i++)
        {
            if (i < batch.Count && batch[i] is not RunStartedReport)
            {
                continue;
            }

            if (i > start && _runId is not null && !Commit(_runId, batch.GetRange(start, i - start)))
            {
                return;
            }

            if (i < batch.Count)
            {
                _runId = ((RunStartedReport)batch[i]).RunId;
            }

            start = i;
        }
    }

    private bool Commit(string runId, List<ReportEvent> reports)
    {
        try
        {
            _store.AppendBatch(runId, reports);
            return true;
        }
        catch (SqliteException ex)
        {
            _error = $"the run history could not be written ({ex.Message}); this run is not recorded from here on";
            return false;
        }
    }
}
