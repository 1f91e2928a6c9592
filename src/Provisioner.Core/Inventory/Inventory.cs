using Provisioner.Core.Data;

namespace Provisioner.Core.Inventory;

/// <summary>
/// A loaded inventory: hosts in inventory order (the order they were first written), groups in the order
/// they were first written after the implicit <c>all</c> and <c>ungrouped</c>. Immutable.
/// </summary>
public sealed record Inventory
{
    private readonly Dictionary<string, int> _hostIndex;
    private readonly Dictionary<string, InventoryGroup> _groupIndex;
    private readonly Lazy<OrderedDictionary<string, object?>> _groupsVariable;

    public Inventory(IReadOnlyList<InventoryHost> hosts, IReadOnlyList<InventoryGroup> groups, IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(groups);
        Hosts = hosts;
        Groups = groups;
        Sources = sources;
        _hostIndex = new Dictionary<string, int>(hosts.Count, StringComparer.Ordinal);
        for (var i = 0; i < hosts.Count; i++)
        {
            _hostIndex.Add(hosts[i].Name, i);
        }

        _groupIndex = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        _groupsVariable = new(BuildGroupsVariable);
    }

    public IReadOnlyList<InventoryHost> Hosts { get; }

    public IReadOnlyList<InventoryGroup> Groups { get; }

    /// <summary>The inventory files and folders this was read from, as given.</summary>
    public IReadOnlyList<string> Sources { get; }

    public InventoryHost? FindHost(string name) => _hostIndex.TryGetValue(name, out var i) ? Hosts[i] : null;

    public InventoryGroup? FindGroup(string name) => _groupIndex.GetValueOrDefault(name);

    /// <summary>Position of the host in inventory order, or -1.</summary>
    public int IndexOf(string hostName) => _hostIndex.TryGetValue(hostName, out var i) ? i : -1;

    /// <summary>
    /// Every group's host names (children included, as <see cref="HostsOf"/>) as plain data: Ansible's
    /// <c>groups</c> variable. Computed once and shared; treat it as read-only.
    /// </summary>
    public IReadOnlyDictionary<string, object?> GroupsVariable => _groupsVariable.Value;

    /// <summary>
    /// The hosts of a group and of all its descendants, as Ansible lists them: the group's own hosts first,
    /// then its children's level by level, each once.
    /// </summary>
    public IReadOnlyList<InventoryHost> HostsOf(string groupName)
    {
        var start = FindGroup(groupName);
        if (start is null)
        {
            return [];
        }

        var result = new List<InventoryHost>();
        var seenHosts = new HashSet<string>(StringComparer.Ordinal);
        var seenGroups = new HashSet<string>(StringComparer.Ordinal) { start.Name };
        var level = new List<InventoryGroup> { start };
        while (level.Count > 0)
        {
            var next = new List<InventoryGroup>();
            foreach (var group in level)
            {
                foreach (var host in group.Hosts.Where(seenHosts.Add))
                {
                    result.Add(Hosts[_hostIndex[host]]);
                }

                next.AddRange(group.Children.Where(seenGroups.Add).Select(c => _groupIndex[c]));
            }

            level = next;
        }

        return result;
    }

    private OrderedDictionary<string, object?> BuildGroupsVariable()
    {
        var groups = PlainData.NewMap();
        foreach (var group in Groups)
        {
            groups[group.Name] = HostsOf(group.Name).Select(h => (object?)h.Name).ToList();
        }

        return groups;
    }
}
