// Core run events, results and diffs to and from the wire RunEvent.
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Protocol.Mapping;

/// <summary>
/// Maps run events between Core and the wire. Times travel as Unix milliseconds and durations as fractional
/// milliseconds; an empty proto string is a null <see cref="TaskResult.Item"/> / <see cref="DiffEntry.Path"/>.
/// </summary>
public static class RunEventMapper
{
    public static Proto.RunEvent ToProto(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        var result = new Proto.RunEvent
        {
            Seq = (ulong)Math.Max(0, runEvent.Seq),
            RunId = runEvent.RunId,
            TimeUnixMs = runEvent.Time.ToUnixTimeMilliseconds(),
        };
        switch (runEvent)
        {
            case TaskStartedEvent started:
                result.TaskStarted = new Proto.TaskStarted { TaskId = started.TaskId, Name = started.Name, Handler = started.Handler };
                break;
            case TaskResultEvent outcome:
                result.TaskResult = ToProto(outcome.Result);
                break;
            case LogEvent log:
                result.Log = new Proto.LogLine { TaskId = log.TaskId, Level = log.Level, Text = log.Text };
                break;
            case RunCompletedEvent completed:
                var proto = new Proto.RunCompleted
                {
                    Status = ToProto(completed.Status),
                    Message = completed.Message,
                    DurationMs = completed.Duration.TotalMilliseconds,
                };
                foreach (var (name, count) in completed.Counts)
                {
                    proto.Counts[name] = (uint)Math.Max(0, count);
                }

                result.RunCompleted = proto;
                break;
            default:
                throw new ArgumentException($"no wire form for run event {runEvent.GetType().Name}", nameof(runEvent));
        }

        return result;
    }

    public static RunEvent FromProto(Proto.RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        RunEvent result = runEvent.KindCase switch
        {
            Proto.RunEvent.KindOneofCase.TaskStarted => new TaskStartedEvent(
                runEvent.TaskStarted.TaskId, runEvent.TaskStarted.Name, runEvent.TaskStarted.Handler) { RunId = runEvent.RunId },
            Proto.RunEvent.KindOneofCase.TaskResult => new TaskResultEvent(FromProto(runEvent.TaskResult)) { RunId = runEvent.RunId },
            Proto.RunEvent.KindOneofCase.Log => new LogEvent(runEvent.Log.TaskId, runEvent.Log.Level, runEvent.Log.Text) { RunId = runEvent.RunId },
            Proto.RunEvent.KindOneofCase.RunCompleted => new RunCompletedEvent(
                FromProto(runEvent.RunCompleted.Status),
                runEvent.RunCompleted.Counts.ToDictionary(kv => kv.Key, kv => (int)Math.Min(kv.Value, int.MaxValue), StringComparer.Ordinal),
                runEvent.RunCompleted.Message,
                TimeSpan.FromMilliseconds(runEvent.RunCompleted.DurationMs)) { RunId = runEvent.RunId },
            _ => throw new ArgumentException($"run event {runEvent.Seq} of run '{runEvent.RunId}' has no kind", nameof(runEvent)),
        };
        return result with
        {
            Seq = (long)Math.Min(runEvent.Seq, long.MaxValue),
            Time = DateTimeOffset.FromUnixTimeMilliseconds(runEvent.TimeUnixMs),
        };
    }

    public static Proto.TaskResult ToProto(TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var proto = new Proto.TaskResult
        {
            TaskId = result.TaskId,
            Name = result.Name,
            Module = result.Module,
            Status = ToProto(result.Status),
            Message = result.Message,
            Result = result.Result is null ? null : PlainValueMapper.ToValue(result.Result),
            DurationMs = result.Duration.TotalMilliseconds,
            Item = result.Item ?? string.Empty,
            Handler = result.Handler,
            TimedOut = result.TimedOut,
        };
        proto.Diff.AddRange(result.Diff.Select(ToProto));
        return proto;
    }

    public static TaskResult FromProto(Proto.TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new TaskResult
        {
            TaskId = result.TaskId,
            Name = result.Name,
            Module = result.Module,
            Status = FromProto(result.Status),
            Message = result.Message,
            Diff = result.Diff.Select(FromProto).ToList(),
            Result = PlainValueMapper.FromValue(result.Result),
            Duration = TimeSpan.FromMilliseconds(result.DurationMs),
            Item = result.Item.Length == 0 ? null : result.Item,
            Handler = result.Handler,
            TimedOut = result.TimedOut,
        };
    }

    public static Proto.DiffEntry ToProto(DiffEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new Proto.DiffEntry { Property = entry.Property, Before = entry.Before, After = entry.After, Path = entry.Path ?? string.Empty };
    }

    public static DiffEntry FromProto(Proto.DiffEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new DiffEntry(entry.Property, entry.Before, entry.After) { Path = entry.Path.Length == 0 ? null : entry.Path };
    }

    public static Proto.TaskStatus ToProto(TaskStatus status) => status switch
    {
        TaskStatus.Ok => Proto.TaskStatus.Ok,
        TaskStatus.Changed => Proto.TaskStatus.Changed,
        TaskStatus.Failed => Proto.TaskStatus.Failed,
        TaskStatus.Skipped => Proto.TaskStatus.Skipped,
        TaskStatus.Rescued => Proto.TaskStatus.Rescued,
        TaskStatus.Ignored => Proto.TaskStatus.Ignored,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown task status"),
    };

    public static TaskStatus FromProto(Proto.TaskStatus status) => status switch
    {
        Proto.TaskStatus.Ok => TaskStatus.Ok,
        Proto.TaskStatus.Changed => TaskStatus.Changed,
        Proto.TaskStatus.Failed => TaskStatus.Failed,
        Proto.TaskStatus.Skipped => TaskStatus.Skipped,
        Proto.TaskStatus.Rescued => TaskStatus.Rescued,
        Proto.TaskStatus.Ignored => TaskStatus.Ignored,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "task status not set on the wire"),
    };

    public static Proto.RunStatus ToProto(RunStatus status) => status switch
    {
        RunStatus.Running => Proto.RunStatus.Running,
        RunStatus.Succeeded => Proto.RunStatus.Succeeded,
        RunStatus.Failed => Proto.RunStatus.Failed,
        RunStatus.Interrupted => Proto.RunStatus.Interrupted,
        RunStatus.Cancelled => Proto.RunStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown run status"),
    };

    public static RunStatus FromProto(Proto.RunStatus status) => status switch
    {
        Proto.RunStatus.Running => RunStatus.Running,
        Proto.RunStatus.Succeeded => RunStatus.Succeeded,
        Proto.RunStatus.Failed => RunStatus.Failed,
        Proto.RunStatus.Interrupted => RunStatus.Interrupted,
        Proto.RunStatus.Cancelled => RunStatus.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "run status not set on the wire"),
    };
}
