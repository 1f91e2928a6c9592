using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>
/// An entry of a task list: a <see cref="TaskSpec"/> (one module call) or a <see cref="BlockSpec"/>
/// (block/rescue/always, or the tasks an import/include brought in). Keywords left null inherit from the enclosing block, role or play.
/// </summary>
public abstract record TaskNode
{
    /// <summary>Where the task starts; its <c>ToString()</c> is the task's stable id.</summary>
    public required SourceLocation Location { get; init; }

    public string Name { get; init; } = string.Empty;

    /// <summary>Conditions (expressions), all of which must hold; literal booleans appear as "true"/"false".</summary>
    public IReadOnlyList<string> When { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }

    public bool? IgnoreErrors { get; init; }

    public bool? NoLog { get; init; }

    public bool? RunOnce { get; init; }

    public string? DelegateTo { get; init; }

    /// <summary>Name of the role the node belongs to; null for play-level tasks.</summary>
    public string? Role { get; init; }

    /// <summary>Where each key of the entry was written (<c>when</c>, <c>notify</c>, the module key...), for messages about that key.</summary>
    public IReadOnlyDictionary<string, SourceLocation> KeyLocations { get; init; } = new Dictionary<string, SourceLocation>();
}
