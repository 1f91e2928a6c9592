// Core run events to and from their JSON line form.
using System.Text.Json;
using Provisioner.Agent.Engine;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.State;

internal static class RunEventLines
{
    public static RunEventLine ToLine(RunEvent runEvent) => runEvent switch
    {
        TaskStartedEvent e => new RunEventLine
        {
            Seq = e.Seq, RunId = e.RunId, Time = e.Time, Kind = "task_started", TaskId = e.TaskId, Name = e.Name, Handler = e.Handler,
        },
        TaskResultEvent { Result: var r } e => new RunEventLine
        {
            Seq = e.Seq, RunId = e.RunId, Time = e.Time, Kind = "task_result", TaskId = r.TaskId, Name = r.Name, Module = r.Module,
            Handler = r.Handler, Status = StatusNames.Of(r.Status), Message = r.Message,
            Diff = r.Diff.Count == 0 ? null : r.Diff.Select(d => new DiffLine(d.Property, d.Before, d.After, d.Path)).ToList(),
            Result = r.Result, DurationMs = r.Duration.TotalMilliseconds, Item = r.Item, TimedOut = r.TimedOut ? true : null,
        },
        LogEvent e => new RunEventLine { Seq = e.Seq, RunId = e.RunId, Time = e.Time, Kind = "log", TaskId = e.TaskId, Level = e.Level, Text = e.Text },
        RunCompletedEvent e => new RunEventLine
        {
            Seq = e.Seq, RunId = e.RunId, Time = e.Time, Kind = "run_completed", Status = StatusNames.Of(e.Status), Message = e.Message,
            Counts = new Dictionary<string, int>(e.Counts, StringComparer.Ordinal), DurationMs = e.Duration.TotalMilliseconds,
        },
        _ => throw new ArgumentException($"no JSON form for run event {runEvent.GetType().Name}", nameof(runEvent)),
    };

    public static RunEvent FromLine(RunEventLine line)
    {
        RunEvent result = line.Kind switch
        {
            "task_started" => new TaskStartedEvent(line.TaskId ?? string.Empty, line.Name ?? string.Empty, line.Handler ?? false) { RunId = line.RunId },
            "task_result" => new TaskResultEvent(new TaskResult
            {
                TaskId = line.TaskId ?? string.Empty,
                Name = line.Name ?? string.Empty,
                Module = line.Module ?? string.Empty,
                Status = ParseTaskStatus(line.Status),
                Message = line.Message ?? string.Empty,
                Diff = line.Diff?.Select(d => new DiffEntry(d.Property, d.Before, d.After) { Path = d.Path }).ToList() ?? [],
                Result = line.Result,
                Duration = TimeSpan.FromMilliseconds(line.DurationMs ?? 0),
                Item = line.Item,
                Handler = line.Handler ?? false,
                TimedOut = line.TimedOut ?? false,
            }) { RunId = line.RunId },
            "log" => new LogEvent(line.TaskId ?? string.Empty, line.Level ?? "info", line.Text ?? string.Empty) { RunId = line.RunId },
            "run_completed" => new RunCompletedEvent(
                ParseRunStatus(line.Status), line.Counts ?? [], line.Message ?? string.Empty, TimeSpan.FromMilliseconds(line.DurationMs ?? 0)) { RunId = line.RunId },
            _ => throw new JsonException($"unknown event kind '{line.Kind}'"),
        };
        return result with { Seq = line.Seq, Time = line.Time };
    }

    public static string Serialize(RunEvent runEvent) => JsonSerializer.Serialize(ToLine(runEvent), StateJsonContext.Default.RunEventLine);

    public static RunEvent Deserialize(string json) =>
        FromLine(JsonSerializer.Deserialize(json, StateJsonContext.Default.RunEventLine) ?? throw new JsonException("empty event line"));

    public static RunStatus ParseRunStatus(string? name) =>
        StatusNames.ParseRun(name) ?? throw new JsonException($"unknown run status '{name}'");

    private static TaskStatus ParseTaskStatus(string? name) =>
        StatusNames.ParseTask(name) ?? throw new JsonException($"unknown task status '{name}'");
}
