namespace Provisioner.Core.Plans;

/// <summary>
/// One task of a compiled plan, with expressions left unevaluated: the agent evaluates them against live facts.
/// A block has an empty <see cref="Module"/> and children in <see cref="Block"/>, <see cref="Rescue"/>, <see cref="Always"/>.
/// </summary>
public sealed record PlanTask
{
    /// <summary>Stable identity: the task's source position, "roles/web/tasks/main.yml:12:3".</summary>
    public required string Id { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Module { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, object?> Args { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<string> When { get; init; } = [];

    /// <summary>A list, or a string expression that yields one; null when the task does not loop.</summary>
    public object? Loop { get; init; }

    public string LoopVar { get; init; } = "item";

    public string? IndexVar { get; init; }

    public string? LoopLabel { get; init; }

    public string? Register { get; init; }

    public IReadOnlyList<string> Notify { get; init; } = [];

    public IReadOnlyList<string> ChangedWhen { get; init; } = [];

    public IReadOnlyList<string> FailedWhen { get; init; } = [];

    public bool IgnoreErrors { get; init; }

    public bool NoLog { get; init; }

    public TimeSpan? Timeout { get; init; }

    public int Retries { get; init; }

    public string? Until { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Block vars merged with task vars: they win over play vars, lose to registered facts.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<PlanTask> Block { get; init; } = [];

    public IReadOnlyList<PlanTask> Rescue { get; init; } = [];

    public IReadOnlyList<PlanTask> Always { get; init; } = [];

    /// <summary>Handler topics this handler also answers to.</summary>
    public IReadOnlyList<string> Listen { get; init; } = [];

    public bool Become { get; init; }

    public string? BecomeUser { get; init; }

    public string? Role { get; init; }

    public bool RunOnce { get; init; }

    public bool IsBlock => Module.Length == 0;
}
