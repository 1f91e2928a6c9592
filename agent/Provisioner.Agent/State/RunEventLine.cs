using System.Text.Json.Serialization;
using Provisioner.Agent.Json;

namespace Provisioner.Agent.State;

/// <summary>
/// One event as a JSON line: the events.jsonl record and the <c>prov-agent run-plan --json</c> output.
/// <see cref="Kind"/> is task_started, task_result, log or run_completed; fields of other kinds are omitted.
/// </summary>
internal sealed record RunEventLine
{
    public long Seq { get; init; }

    public required string RunId { get; init; }

    public DateTimeOffset Time { get; init; }

    public required string Kind { get; init; }

    public string? TaskId { get; init; }

    public string? Name { get; init; }

    public string? Module { get; init; }

    public bool? Handler { get; init; }

    /// <summary>Task status (ok, changed, failed, skipped, rescued, ignored) or, for run_completed, the run status.</summary>
    public string? Status { get; init; }

    public string? Message { get; init; }

    public List<DiffLine>? Diff { get; init; }

    [JsonConverter(typeof(PlainDataJsonConverter))]
    public object? Result { get; init; }

    public double? DurationMs { get; init; }

    public string? Item { get; init; }

    public bool? TimedOut { get; init; }

    public string? Level { get; init; }

    public string? Text { get; init; }

    public Dictionary<string, int>? Counts { get; init; }
}
