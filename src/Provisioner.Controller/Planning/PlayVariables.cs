using System.Net;
using Provisioner.Core.Data;
using Provisioner.Core.Inventory;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Variables;

namespace Provisioner.Controller.Planning;

/// <summary>
/// A host's play-scope variables, merged by <see cref="VariableResolver"/>: role defaults &lt; inventory levels &lt;
/// play vars &lt; vars_files &lt; role vars (every role of the play, in the order they run), then the magic variables
/// the controller knows (<c>inventory_hostname</c>, <c>group_names</c>, <c>groups</c>, <c>ansible_play_hosts_all</c>,
/// <c>playbook_dir</c>, <c>ansible_check_mode</c>, <c>ansible_diff_mode</c>). Values stay unrendered: the agent renders
/// them against live facts. Extra vars are not merged in; they travel separately and win over everything.
/// </summary>
internal sealed class PlayVariables
{
    private readonly Core.Inventory.Inventory _inventory;
    private readonly Play _play;
    private readonly IReadOnlyList<Role> _roles;
    private readonly IReadOnlyDictionary<string, object?> _magic;

    public PlayVariables(Core.Inventory.Inventory inventory, Play play, IReadOnlyList<Role> roles, IReadOnlyDictionary<string, object?> sharedMagic)
    {
        _inventory = inventory;
        _play = play;
        _roles = roles;
        _magic = sharedMagic;
    }

    public OrderedDictionary<string, object?> For(InventoryHost host)
    {
        var sources = new List<VarSource>();
        foreach (var role in _roles)
        {
            sources.Add(new VarSource(VarLayer.RoleDefaults, role.Defaults, $"role '{role.Name}' defaults"));
            sources.Add(new VarSource(VarLayer.RoleVars, role.Vars, $"role '{role.Name}' vars"));
        }

        sources.AddRange(InventoryVariables.Layers(_inventory, host));
        sources.Add(new VarSource(VarLayer.PlayVars, _play.Vars, $"play '{_play.Name}'"));
        sources.AddRange(_play.VarsFiles.Select(f => new VarSource(VarLayer.VarsFiles, f.Vars, f.ResolvedPath ?? f.Path)));

        var vars = PlainData.CloneMap(VariableResolver.Merge(sources));
        foreach (var (name, value) in HostMagic(host))
        {
            vars[name] = value;
        }

        foreach (var (name, value) in _magic)
        {
            vars[name] = value;
        }

        return vars;
    }

    /// <summary>What the inventory says about the host itself; also part of each <c>hostvars</c> entry.</summary>
    public static OrderedDictionary<string, object?> HostMagic(InventoryHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var magic = PlainData.NewMap();
        magic["inventory_hostname"] = host.Name;
        magic["inventory_hostname_short"] = IPAddress.TryParse(host.Name, out _) ? host.Name : host.Name.Split('.')[0];
        magic["group_names"] = host.GroupNames.Select(n => (object?)n).ToList();
        return magic;
    }
}
