using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Inventory;

/// <summary>
/// A group as Ansible defines it: direct hosts and child groups in the order written, and its variables
/// by source. <c>all</c> and <c>ungrouped</c> always exist (<see cref="IsImplicit"/> when never written).
/// </summary>
public sealed record InventoryGroup
{
    public const string All = "all";
    public const string Ungrouped = "ungrouped";

    public required string Name { get; init; }

    /// <summary>Where the group was first written; null for an implicit <c>all</c> or <c>ungrouped</c>.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Child group names, in the order they were added.</summary>
    public required IReadOnlyList<string> Children { get; init; }

    /// <summary>Parent group names, in the order they were added (empty only for <c>all</c>).</summary>
    public required IReadOnlyList<string> Parents { get; init; }

    /// <summary>Hosts listed directly in this group, in inventory order (not those of child groups).</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>Length of the longest chain of parents up to <c>all</c> (0 for <c>all</c>).</summary>
    public int Depth { get; init; }

    /// <summary><c>ansible_group_priority</c> from the inventory source (default 1); orders groups of equal depth.</summary>
    public int Priority { get; init; } = 1;

    /// <summary>Variables written in the inventory source(s) under the group's <c>vars</c>.</summary>
    public LocatedVars Vars { get; init; } = LocatedVars.Empty;

    /// <summary>Variables from <c>group_vars/NAME</c> beside the inventory source(s).</summary>
    public LocatedVars InventoryGroupVars { get; init; } = LocatedVars.Empty;

    /// <summary>Variables from <c>group_vars/NAME</c> beside the playbook.</summary>
    public LocatedVars PlaybookGroupVars { get; init; } = LocatedVars.Empty;

    public bool IsImplicit => Location is null;
}
