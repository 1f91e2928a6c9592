using System.Text.Json.Serialization;
using Provisioner.Controller.Json;

namespace Provisioner.Controller.Local;

/// <summary>One line of <c>prov-agent run-plan --json</c>: an event of kind task_started, task_result, log or run_completed.</summary>
internal sealed record AgentEventLine
{
    public long Seq { get; init; }

    public string RunId { get; init; } = string.Empty;

    public DateTimeOffset Time { get; init; }

    public string Kind { get; init; } = string.Empty;

    public string? TaskId { get; init; }

    public string? Name { get; init; }

    public string? Module { get; init; }

    public bool? Handler { get; init; }

    public string? Status { get; init; }

    public string? Message { get; init; }

    public List<AgentDiffLine>? Diff { get; init; }

    [JsonConverter(typeof(PlainDataJsonConverter))]
    public object? Result { get; init; }

    public double? DurationMs { get; init; }

    public string? Item { get; init; }

    public bool? TimedOut { get; init; }

    public string? Level { get; init; }

    public string? Text { get; init; }

    public Dictionary<string, int>? Counts { get; init; }
}
