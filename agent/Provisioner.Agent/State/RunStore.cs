// Run records and their event logs under STATE_DIR/runs.
using System.Text;
using System.Text.Json;
using Provisioner.Agent.Engine;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.State;

internal sealed class RunStore
{
    private readonly TimeProvider _time;

    public RunStore(StateLayout layout, TimeProvider time)
    {
        Layout = layout;
        _time = time;
    }

    public StateLayout Layout { get; }

    public RunRecord? TryRead(string runId)
    {
        var path = Layout.RunRecordFile(runId);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), StateJsonContext.Default.RunRecord);
        }
        catch (JsonException ex)
        {
            throw new IOException($"run record {path} is not valid JSON ({ex.Message}); move it aside to let the agent continue", ex);
        }
    }

    public void Write(RunRecord record)
    {
        Directory.CreateDirectory(Layout.RunDirectory(record.RunId));
        Durable.WriteAtomically(Layout.RunRecordFile(record.RunId), JsonSerializer.SerializeToUtf8Bytes(record, StateJsonContext.Default.RunRecord));
    }

    public EventLog OpenEventLog(string runId) => new(Layout.EventsFile(runId));

    /// <summary>Events with a sequence number above <paramref name="afterSeq"/>; a line torn by a crash is not an event.</summary>
    public IReadOnlyList<RunEvent> ReadEvents(string runId, long afterSeq)
    {
        var (events, _) = ReadCompleteEvents(Layout.EventsFile(runId));
        return events.Where(e => e.Seq > afterSeq).ToList();
    }

    /// <summary>Marks <paramref name="runId"/> as the run executing now; written before its record says running.</summary>
    public void SetCurrent(string runId) => Durable.WriteAtomically(Layout.CurrentRunFile, StateLayout.CheckRunId(runId) + "\n");

    public void ClearCurrent()
    {
        File.Delete(Layout.CurrentRunFile);
        Durable.SyncDirectory(Layout.Root);
    }

    /// <summary>
    /// The record of the run marked current, when it still says running: with the run lock held by the caller, that
    /// is a run whose process died. Runs execute one at a time, so there is at most one.
    /// </summary>
    public RunRecord? FindUnfinished()
    {
        if (!File.Exists(Layout.CurrentRunFile))
        {
            return null;
        }

        var runId = File.ReadAllText(Layout.CurrentRunFile).Trim();
        return StateLayout.IsValidRunId(runId) && TryRead(runId) is { } record && record.Status == StatusNames.Of(RunStatus.Running)
            ? record
            : null;
    }

    /// <summary>
    /// Closes a run that was executing when its process died: drops a torn last line, appends a
    /// run_completed event with status interrupted, and records the status. Only call while holding the run lock.
    /// </summary>
    public RunCompletedEvent MarkInterrupted(RunRecord record)
    {
        var path = Layout.EventsFile(record.RunId);
        var (events, completeLength) = ReadCompleteEvents(path);
        if (File.Exists(path) && new FileInfo(path).Length != completeLength)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(completeLength);
        }

        var now = _time.GetUtcNow();
        var counts = RunCounts.From(events.OfType<TaskResultEvent>().Select(e => e.Result));
        var message = $"interrupted: the agent process (pid {record.Pid}) ended before the run finished; the host may be partly converged, run the plan again";
        var completed = new RunCompletedEvent(RunStatus.Interrupted, counts, message, now - record.StartedAt)
        {
            RunId = record.RunId,
            Seq = events.Count == 0 ? 1 : events[^1].Seq + 1,
            Time = now,
        };
        using (var log = OpenEventLog(record.RunId))
        {
            log.Append(completed);
        }

        Write(record with { Status = StatusNames.Of(RunStatus.Interrupted), FinishedAt = now, Message = message, Counts = new(counts) });
        return completed;
    }

    /// <summary>
    /// Deletes the oldest runs (by when their record was last written) beyond <paramref name="keep"/>; a run id older
    /// than that can run again. Cheap when there is nothing to delete: it only counts directories.
    /// </summary>
    public void Prune(int keep)
    {
        if (!Directory.Exists(Layout.RunsDirectory))
        {
            return;
        }

        var runs = Directory.GetDirectories(Layout.RunsDirectory);
        if (runs.Length <= keep)
        {
            return;
        }

        var current = File.Exists(Layout.CurrentRunFile) ? File.ReadAllText(Layout.CurrentRunFile).Trim() : null;
        var oldest = runs
            .Where(d => Path.GetFileName(d) != current)
            .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, "run.json")))
            .Skip(keep);
        foreach (var dir in oldest)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static (List<RunEvent> Events, long CompleteLength) ReadCompleteEvents(string path)
    {
        var events = new List<RunEvent>();
        if (!File.Exists(path))
        {
            return (events, 0);
        }

        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }

        long offset = 0;
        while (offset < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', (int)offset);
            if (newline < 0)
            {
                break;
            }

            var line = Encoding.UTF8.GetString(bytes, (int)offset, newline - (int)offset);
            try
            {
                events.Add(RunEventLines.Deserialize(line));
            }
            catch (JsonException)
            {
                break;
            }

            offset = newline + 1;
        }

        return (events, offset);
    }
}
