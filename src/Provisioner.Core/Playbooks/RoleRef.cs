using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>A use of a role in a play's <c>roles:</c> or in a role's <c>meta/main.yml</c> dependencies.</summary>
public sealed record RoleRef
{
    public required SourceLocation Location { get; init; }

    /// <summary>The role name (key of <see cref="Playbook.Roles"/>).</summary>
    public required string Name { get; init; }

    /// <summary>Role parameters: <c>vars:</c> and, as in Ansible, any other non-keyword key of the mapping.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> When { get; init; } = [];

    public bool? Become { get; init; }

    public string? BecomeUser { get; init; }
}
