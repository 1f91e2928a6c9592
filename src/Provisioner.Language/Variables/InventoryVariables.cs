using System.Net;
using Provisioner.Core.Data;
using Provisioner.Core.Inventory;

namespace Provisioner.Language.Variables;

/// <summary>
/// The inventory side of variable precedence: turns one host's groups and files into <see cref="VarSource"/>s
/// for <see cref="VariableResolver"/>, and computes the magic variables the inventory defines.
/// </summary>
public static class InventoryVariables
{
    /// <summary>
    /// The host's inventory levels, lowest precedence first: group <c>all</c> then the other groups from the
    /// inventory file(s), group_vars/all (inventory, then playbook), group_vars/GROUP (inventory, then playbook),
    /// host vars from the file(s), host_vars/HOST (inventory, then playbook). Groups are ordered as Ansible
    /// orders them: by depth (parents first), then <c>ansible_group_priority</c>, then name.
    /// </summary>
    public static IReadOnlyList<VarSource> Layers(Core.Inventory.Inventory inventory, InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return Layers(name => inventory.FindGroup(name) ?? throw new ArgumentException($"host '{host.Name}' names unknown group '{name}'", nameof(host)), host);
    }

    internal static IReadOnlyList<VarSource> Layers(Func<string, InventoryGroup> findGroup, InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var all = findGroup(InventoryGroup.All);
        var groups = host.GroupNames
            .Where(n => n != InventoryGroup.All)
            .Select(findGroup)
            .OrderBy(g => g.Depth)
            .ThenBy(g => g.Priority)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();

        var sources = new List<VarSource>();
        Add(sources, VarLayer.InventoryFileAll, all.Vars, "group 'all' in the inventory");
        foreach (var group in groups)
        {
            Add(sources, VarLayer.InventoryFileGroups, group.Vars, $"group '{group.Name}' in the inventory");
        }

        Add(sources, VarLayer.InventoryGroupVarsAll, all.InventoryGroupVars, "group_vars/all beside the inventory");
        Add(sources, VarLayer.PlaybookGroupVarsAll, all.PlaybookGroupVars, "group_vars/all beside the playbook");
        foreach (var group in groups)
        {
            Add(sources, VarLayer.InventoryGroupVars, group.InventoryGroupVars, $"group_vars/{group.Name} beside the inventory");
        }

        foreach (var group in groups)
        {
            Add(sources, VarLayer.PlaybookGroupVars, group.PlaybookGroupVars, $"group_vars/{group.Name} beside the playbook");
        }

        Add(sources, VarLayer.InventoryFileHost, host.HostVars, $"host '{host.Name}' in the inventory");
        Add(sources, VarLayer.InventoryHostVars, host.InventoryHostVars, $"host_vars/{host.Name} beside the inventory");
        Add(sources, VarLayer.PlaybookHostVars, host.PlaybookHostVars, $"host_vars/{host.Name} beside the playbook");
        return sources;
    }

    /// <summary>
    /// What the inventory tells a play about a host: <c>inventory_hostname</c>, <c>inventory_hostname_short</c>,
    /// <c>group_names</c> (sorted, without <c>all</c>) and <c>groups</c> (every group's hosts, children included).
    /// </summary>
    public static IReadOnlyDictionary<string, object?> MagicVars(Core.Inventory.Inventory inventory, InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(host);
        var magic = PlainData.NewMap();
        magic["inventory_hostname"] = host.Name;
        magic["inventory_hostname_short"] = IPAddress.TryParse(host.Name, out _) ? host.Name : host.Name.Split('.')[0];
        magic["group_names"] = host.GroupNames.Select(n => (object?)n).ToList();
        magic["groups"] = inventory.GroupsVariable;
        return magic;
    }

    private static void Add(List<VarSource> sources, VarLayer layer, LocatedVars vars, string origin)
    {
        if (!vars.IsEmpty)
        {
            sources.Add(new VarSource(layer, vars.Values, vars.Origin ?? origin) { Locations = vars.Locations });
        }
    }
}
