using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Inventory;

/// <summary>
/// One host, however many groups list it. <see cref="Vars"/> is the merge of every inventory level
/// (group vars, group_vars/, host vars, host_vars/) in the documented precedence order.
/// </summary>
public sealed record InventoryHost
{
    public required string Name { get; init; }

    /// <summary>Where the host was first written.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>Groups that list the host directly, in inventory order (including <c>all</c> or <c>ungrouped</c>).</summary>
    public required IReadOnlyList<string> Groups { get; init; }

    /// <summary>Every group the host belongs to, directly or through a child group, sorted, without <c>all</c>: Ansible's <c>group_names</c>.</summary>
    public required IReadOnlyList<string> GroupNames { get; init; }

    /// <summary>Variables written on the host in the inventory source(s); later definitions win.</summary>
    public LocatedVars HostVars { get; init; } = LocatedVars.Empty;

    /// <summary>Variables from <c>host_vars/NAME</c> beside the inventory source(s).</summary>
    public LocatedVars InventoryHostVars { get; init; } = LocatedVars.Empty;

    /// <summary>Variables from <c>host_vars/NAME</c> beside the playbook.</summary>
    public LocatedVars PlaybookHostVars { get; init; } = LocatedVars.Empty;

    /// <summary>All inventory levels merged (lowest first, later replaces earlier), in source order.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = LocatedVars.Empty.Values;

    /// <summary>Where to connect: <c>address</c> (alias <c>ansible_host</c>), else the host name. May still hold a template.</summary>
    public required string Address { get; init; }

    /// <summary><c>port</c> (alias <c>ansible_port</c>), or null for the default.</summary>
    public int? Port { get; init; }

    /// <summary><c>user</c> (alias <c>ansible_user</c>), or null for the default. May still hold a template.</summary>
    public string? User { get; init; }
}
