using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>One play as written; role tasks are reached through <see cref="Roles"/> and <see cref="Playbook.Roles"/>.</summary>
public sealed record Play
{
    public required SourceLocation Location { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>The <c>hosts:</c> value as written (a list is joined with ':').</summary>
    public string Hosts { get; init; } = string.Empty;

    /// <summary>The host pattern after compile-time templating with play and extra vars; equals <see cref="Hosts"/> when untemplated.</summary>
    public string HostPattern { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<VarsFile> VarsFiles { get; init; } = [];

    public IReadOnlyList<RoleRef> Roles { get; init; } = [];

    public IReadOnlyList<TaskNode> PreTasks { get; init; } = [];

    public IReadOnlyList<TaskNode> Tasks { get; init; } = [];

    public IReadOnlyList<TaskNode> PostTasks { get; init; } = [];

    public IReadOnlyList<TaskNode> Handlers { get; init; } = [];

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public bool GatherFacts { get; init; } = true;

    /// <summary>Batch sizes in order; the last repeats. Empty: all hosts in one batch.</summary>
    public IReadOnlyList<BatchSize> Serial { get; init; } = [];

    /// <summary>Percentage of failed hosts in a batch above which the play stops; null: only when all fail.</summary>
    public double? MaxFailPercentage { get; init; }

    public bool AnyErrorsFatal { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public bool? IgnoreErrors { get; init; }

    public bool? NoLog { get; init; }

    /// <summary>Where each key of the play was written, for messages about that key.</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();
}
