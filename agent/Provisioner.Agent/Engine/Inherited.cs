namespace Provisioner.Agent.Engine;

/// <summary>What a task inherits from the blocks around it.</summary>
internal sealed record Inherited
{
    public static Inherited None { get; } = new();

    /// <summary>Conditions of enclosing blocks, evaluated for each task (Ansible semantics), before the task's own.</summary>
    public IReadOnlyList<string> When { get; init; } = [];

    /// <summary>Block vars, merged outermost first; the task's own vars win.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    /// <summary>Values stored as is (prov_failed_task, prov_failed_result in a rescue).</summary>
    public IReadOnlyDictionary<string, object?> Locals { get; init; } = new Dictionary<string, object?>();

    public bool NoLog { get; init; }

    public bool IgnoreErrors { get; init; }

    /// <summary>An enclosing block has a rescue section that a failure here hands over to.</summary>
    public bool Rescuable { get; init; }
}
