using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Controller.Local;

/// <summary>Reads the agent's JSON event lines into Core run events (source-generated, reflection-free).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AgentEventLine))]
internal sealed partial class AgentJson : JsonSerializerContext
{
    public static RunEvent ParseEvent(string json)
    {
        var line = JsonSerializer.Deserialize(json, Default.AgentEventLine) ?? throw new JsonException("empty event line");
        RunEvent result = line.Kind switch
        {
            "task_started" => new TaskStartedEvent(line.TaskId ?? string.Empty, line.Name ?? string.Empty, line.Handler ?? false) { RunId = line.RunId },
            "task_result" => new TaskResultEvent(new TaskResult
            {
                TaskId = line.TaskId ?? string.Empty,
                Name = line.Name ?? string.Empty,
                Module = line.Module ?? string.Empty,
                Status = TaskStatusOf(line.Status),
                Message = line.Message ?? string.Empty,
                Diff = line.Diff?.Select(d => new DiffEntry(d.Property, d.Before, d.After) { Path = d.Path }).ToList() ?? [],
                Result = line.Result,
                Duration = TimeSpan.FromMilliseconds(line.DurationMs ?? 0),
                Item = line.Item,
                Handler = line.Handler ?? false,
                TimedOut = line.TimedOut ?? false,
            }) { RunId = line.RunId },
            "log" => new LogEvent(line.TaskId ?? string.Empty, line.Level ?? "info", line.Text ?? string.Empty) { RunId = line.RunId },
            "run_completed" => new RunCompletedEvent(RunStatusOf(line.Status), line.Counts ?? [], line.Message ?? string.Empty,
                TimeSpan.FromMilliseconds(line.DurationMs ?? 0)) { RunId = line.RunId },
            _ => throw new JsonException($"unknown event kind '{line.Kind}'"),
        };
        return result with { Seq = line.Seq, Time = line.Time };
    }

    private static TaskStatus TaskStatusOf(string? name) => name switch
    {
        "ok" => TaskStatus.Ok,
        "changed" => TaskStatus.Changed,
        "failed" => TaskStatus.Failed,
        "skipped" => TaskStatus.Skipped,
        "rescued" => TaskStatus.Rescued,
        "ignored" => TaskStatus.Ignored,
        _ => throw new JsonException($"unknown task status '{name}'"),
    };

    public static RunStatus RunStatusOf(string? name) => name switch
    {
        "running" => RunStatus.Running,
        "succeeded" => RunStatus.Succeeded,
        "failed" => RunStatus.Failed,
        "interrupted" => RunStatus.Interrupted,
        "cancelled" => RunStatus.Cancelled,
        _ => throw new JsonException($"unknown run status '{name}'"),
    };
}
