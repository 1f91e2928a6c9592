using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;

namespace Provisioner.Language.Inventory;

/// <summary>
/// The group/host graph while sources are read, with Ansible's rules: one host however often it is listed,
/// <c>all</c> above every group, <c>ungrouped</c> holding hosts in no other group, no cycles.
/// </summary>
internal sealed class InventoryBuilder
{
    private readonly OrderedDictionary<string, GroupDraft> _groups = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, HostDraft> _hosts = new(StringComparer.Ordinal);

    public InventoryBuilder()
    {
        var all = Group(InventoryGroup.All, null);
        var ungrouped = Group(InventoryGroup.Ungrouped, null);
        TryAddChild(all, ungrouped);
    }

    public IEnumerable<GroupDraft> Groups => _groups.Values;

    public IEnumerable<HostDraft> Hosts => _hosts.Values;

    public GroupDraft? FindGroup(string name) => _groups.GetValueOrDefault(name);

    /// <summary>Gets or creates a group; the first location written is kept.</summary>
    public GroupDraft Group(string name, SourceLocation? location)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            group = new GroupDraft(name);
            _groups.Add(name, group);
        }

        group.Location ??= location;
        return group;
    }

    /// <summary>Adds a host to a group, creating it on first sight. Returns the host and whether it is new.</summary>
    public (HostDraft Host, bool Created) AddHost(GroupDraft group, string name, SourceLocation location)
    {
        var created = false;
        if (!_hosts.TryGetValue(name, out var host))
        {
            host = new HostDraft(name, location);
            _hosts.Add(name, host);
            created = true;
        }

        if (group.AddHost(name))
        {
            host.Groups.Add(group.Name);
        }

        return (host, created);
    }

    /// <summary>Makes <paramref name="child"/> a child of <paramref name="parent"/>; false if that would close a cycle.</summary>
    public bool TryAddChild(GroupDraft parent, GroupDraft child)
    {
        if (parent.Children.Contains(child.Name, StringComparer.Ordinal))
        {
            return true;
        }

        if (parent == child || IsDescendant(parent.Name, of: child))
        {
            return false;
        }

        parent.Children.Add(child.Name);
        child.Parents.Add(parent.Name);
        return true;
    }

    /// <summary>The chain of groups from <paramref name="from"/> down to <paramref name="to"/>, for a cycle message.</summary>
    public IReadOnlyList<string> PathDown(GroupDraft from, string to)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([from.Name]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { from.Name };
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (current == to)
            {
                var path = new List<string> { current };
                while (previous.TryGetValue(path[^1], out var p))
                {
                    path.Add(p);
                }

                path.Reverse();
                return path;
            }

            foreach (var child in _groups[current].Children.Where(seen.Add))
            {
                previous[child] = current;
                queue.Enqueue(child);
            }
        }

        return [from.Name, to];
    }

    /// <summary>Ansible's reconciliation: parentless groups go under <c>all</c>; hosts in no group go to <c>ungrouped</c>.</summary>
    public void Reconcile()
    {
        var all = _groups[InventoryGroup.All];
        var ungrouped = _groups[InventoryGroup.Ungrouped];
        foreach (var group in _groups.Values.Where(g => g != all && g.Parents.Count == 0).ToList())
        {
            TryAddChild(all, group);
        }

        foreach (var host in _hosts.Values)
        {
            var others = GroupsOf(host).Where(g => g is not (InventoryGroup.All or InventoryGroup.Ungrouped)).Any();
            if (ungrouped.HasHost(host.Name))
            {
                if (others)
                {
                    ungrouped.RemoveHost(host.Name);
                    host.Groups.Remove(InventoryGroup.Ungrouped);
                }
            }
            else if (!others)
            {
                ungrouped.AddHost(host.Name);
                host.Groups.Add(InventoryGroup.Ungrouped);
            }
        }
    }

    /// <summary>Every group the host is in, directly or as an ancestor of a direct group.</summary>
    public IReadOnlySet<string> GroupsOf(HostDraft host)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(host.Groups);
        while (stack.Count > 0)
        {
            var name = stack.Pop();
            if (result.Add(name))
            {
                foreach (var parent in _groups[name].Parents)
                {
                    stack.Push(parent);
                }
            }
        }

        return result;
    }

    /// <summary>Longest chain of parents from <c>all</c> to each group, as Ansible's group depth.</summary>
    public IReadOnlyDictionary<string, int> Depths()
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = _groups.Values.ToDictionary(g => g.Name, g => g.Parents.Count, StringComparer.Ordinal);
        var ready = new Queue<string>(_groups.Values.Where(g => g.Parents.Count == 0).Select(g => g.Name));
        foreach (var root in ready)
        {
            depth[root] = 0;
        }

        while (ready.Count > 0)
        {
            var name = ready.Dequeue();
            foreach (var child in _groups[name].Children)
            {
                depth[child] = Math.Max(depth.GetValueOrDefault(child), depth[name] + 1);
                if (--pending[child] == 0)
                {
                    ready.Enqueue(child);
                }
            }
        }

        return depth;
    }

    private bool IsDescendant(string name, GroupDraft of)
    {
        var stack = new Stack<string>(of.Children);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current == name)
            {
                return true;
            }

            if (seen.Add(current))
            {
                foreach (var child in _groups[current].Children)
                {
                    stack.Push(child);
                }
            }
        }

        return false;
    }
}
