using Provisioner.Core.Data;
using Provisioner.Core.Inventory;

namespace Provisioner.Cli.Commands.Inventory;

/// <summary>
/// The inventory as <c>ansible-inventory</c> shows it, restricted to the hosts a <c>--limit</c> selected:
/// <c>--list</c> (groups with hosts/children plus <c>_meta.hostvars</c>) and <c>--graph</c> (an indented tree).
/// </summary>
internal sealed class InventoryView(Core.Inventory.Inventory inventory, IReadOnlySet<string> shownHosts)
{
    /// <summary>The <c>--list</c> document: empty sections and empty groups left out, <c>all</c> without hosts.</summary>
    public IReadOnlyDictionary<string, object?> List()
    {
        var document = PlainData.NewMap();
        foreach (var group in inventory.Groups)
        {
            var entry = PlainData.NewMap();
            var hosts = group.Name == InventoryGroup.All ? [] : Hosts(group);
            if (hosts.Count > 0)
            {
                entry["hosts"] = hosts.Select(h => (object?)h).ToList();
            }

            if (group.Children.Count > 0)
            {
                entry["children"] = group.Children.Select(c => (object?)c).ToList();
            }

            if (entry.Count > 0)
            {
                document[group.Name] = entry;
            }
        }

        var hostvars = PlainData.NewMap();
        foreach (var host in inventory.Hosts.Where(h => shownHosts.Contains(h.Name) && h.Vars.Count > 0))
        {
            hostvars[host.Name] = host.Vars;
        }

        var meta = PlainData.NewMap();
        meta["hostvars"] = hostvars;
        document["_meta"] = meta;
        return document;
    }

    /// <summary>The <c>--graph</c> lines from <paramref name="start"/>: a group's children first, then its own hosts.</summary>
    public IReadOnlyList<string> Graph(InventoryGroup start)
    {
        var lines = new List<string>();
        AddGroup(start, 0, lines);
        return lines;
    }

    private void AddGroup(InventoryGroup group, int depth, List<string> lines)
    {
        lines.Add(Indent(depth) + "@" + group.Name + ":");
        foreach (var child in group.Children)
        {
            AddGroup(inventory.FindGroup(child)!, depth + 1, lines);
        }

        if (group.Name != InventoryGroup.All)
        {
            lines.AddRange(Hosts(group).Select(h => Indent(depth + 1) + h));
        }
    }

    private List<string> Hosts(InventoryGroup group) => group.Hosts.Where(shownHosts.Contains).ToList();

    private static string Indent(int depth) => depth == 0 ? string.Empty : string.Concat(Enumerable.Repeat("  |", depth)) + "--";
}
