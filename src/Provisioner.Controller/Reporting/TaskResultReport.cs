using System.Text.Json.Serialization;
using Provisioner.Controller.Json;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// A task (or one loop item, <see cref="Item"/> set) ended on a host. <see cref="Status"/> is ok, changed, failed,
/// skipped, rescued or ignored. After the items of a loop comes the task's own result, with <see cref="Item"/> null.
/// </summary>
public sealed record TaskResultReport(string Host, int Play, string TaskId, string Name, string Status) : ReportEvent
{
    public string? Role { get; init; }

    public string Module { get; init; } = string.Empty;

    public string Message { get; init; } = string.Empty;

    public string? Item { get; init; }

    public bool Handler { get; init; }

    public bool TimedOut { get; init; }

    public double DurationMs { get; init; }

    public IReadOnlyList<DiffEntry> Diff { get; init; } = [];

    /// <summary>The registered value (plain data), already masked.</summary>
    [JsonConverter(typeof(PlainDataJsonConverter))]
    public object? Result { get; init; }
}
