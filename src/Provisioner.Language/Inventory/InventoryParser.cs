using System.Globalization;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Reads Ansible's YAML inventory shape into the builder: top-level keys are groups; a group is a mapping
/// with <c>hosts</c>, <c>children</c> and <c>vars</c> (or empty); a host is a mapping of its variables (or empty).
/// Every problem is recorded with its position and parsing goes on, so one run reports them all.
/// </summary>
internal sealed class InventoryParser(InventoryBuilder builder, InventoryContext context)
{
    private static readonly string[] GroupKeys = ["hosts", "children", "vars"];

    public void ParseFile(YNode? root)
    {
        switch (root)
        {
            case null:
            case YScalar { IsNull: true }:
                return;
            case YMapping map:
                if (map["plugin"] is YScalar { IsNull: false } plugin)
                {
                    context.Error(plugin.Location, "inventory plugins are not supported; write the hosts and groups in YAML (all: hosts: ...)");
                    return;
                }

                foreach (var (name, node) in map.Entries)
                {
                    ParseGroup(name, node);
                }

                return;
            default:
                context.Error(root.Location, $"an inventory must be a mapping of group names (usually starting with 'all:'), not {root.KindName}");
                return;
        }
    }

    private GroupDraft? ParseGroup(YScalar nameNode, YNode? node)
    {
        var name = nameNode.Text;
        if (!InventoryNames.IsValidGroupName(name))
        {
            context.Error(nameNode.Location, InventoryNames.GroupNameHint(name));
        }

        if (node is not (YMapping or YScalar { IsNull: true }))
        {
            context.Error(node?.Location ?? nameNode.Location, $"group '{name}' must be a mapping (with hosts, children or vars) or empty, not {node?.KindName}");
            return null;
        }

        var group = builder.Group(name, nameNode.Location);
        if (node is not YMapping map)
        {
            return group;
        }

        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "hosts":
                    ParseHosts(group, value);
                    break;
                case "children":
                    ParseChildren(group, value);
                    break;
                case "vars":
                    ParseGroupVars(group, value);
                    break;
                default:
                    context.Error(key.Location, $"unknown key '{key.Text}' in group '{name}': a group has only 'hosts', 'children' and 'vars'{Suggest(key.Text)}");
                    break;
            }
        }

        return group;
    }

    private void ParseHosts(GroupDraft group, YNode node)
    {
        foreach (var (key, value) in Members(node, group.Name, "hosts", "host"))
        {
            var (pattern, port) = HostRange.SplitPort(key.Text);
            IReadOnlyList<string> names;
            try
            {
                names = HostRange.Expand(pattern);
            }
            catch (FormatException ex)
            {
                context.Error(key.Location, ex.Message);
                continue;
            }

            if (value is not (null or YMapping or YScalar { IsNull: true }))
            {
                var hint = value is YScalar ? $"; to set its address write '{key.Text}: {{address: {((YScalar)value).Text}}}'" : string.Empty;
                context.Error(value.Location, $"host '{key.Text}' must be a mapping of its variables or empty, not {value.KindName}{hint}");
                continue;
            }

            foreach (var name in names)
            {
                if (!InventoryNames.IsValidHostName(name))
                {
                    context.Error(key.Location, InventoryNames.HostNameHint(name));
                    continue;
                }

                var (host, created) = builder.AddHost(group, name, key.Location);
                if (created && port is { } p)
                {
                    host.Vars.Set("ansible_port", (long)p, key.Location);
                }

                if (value is YMapping vars)
                {
                    ReadVars(vars, host.Vars);
                }
            }
        }
    }

    private void ParseChildren(GroupDraft group, YNode node)
    {
        foreach (var (key, value) in Members(node, group.Name, "children", "group"))
        {
            if (key.Text == InventoryGroup.All)
            {
                context.Error(key.Location, $"'all' contains every group; it cannot be a child of '{group.Name}'");
                continue;
            }

            var child = ParseGroup(key, value);
            if (child is not null && !builder.TryAddChild(group, child))
            {
                var loop = string.Join(" -> ", builder.PathDown(child, group.Name).Prepend(group.Name));
                context.Error(key.Location, $"making '{child.Name}' a child of '{group.Name}' creates a cycle: {loop}");
            }
        }
    }

    private void ParseGroupVars(GroupDraft group, YNode node)
    {
        switch (node)
        {
            case YScalar { IsNull: true }:
                return;
            case YMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key.Text == "ansible_group_priority")
                    {
                        SetPriority(group, key, value);
                        continue;
                    }

                    ReadVar(key, value, group.Vars);
                }

                return;
            default:
                context.Error(node.Location, $"'vars' of group '{group.Name}' must be a mapping of variable names to values, not {node.KindName}");
                return;
        }
    }

    private void SetPriority(GroupDraft group, YScalar key, YNode value)
    {
        var priority = YamlConvert.ToPlain(value) switch
        {
            long l when l is >= int.MinValue and <= int.MaxValue => (int?)l,
            string s when int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };
        if (priority is null)
        {
            context.Error(value.Location, $"ansible_group_priority of group '{group.Name}' must be a whole number, not {value.KindName}");
            return;
        }

        group.Priority = priority.Value;
    }

    private void ReadVars(YMapping map, VarsDraft vars)
    {
        foreach (var (key, value) in map.Entries)
        {
            ReadVar(key, value, vars);
        }
    }

    private void ReadVar(YScalar key, YNode value, VarsDraft vars)
    {
        if (!InventoryNames.IsValidVariableName(key.Text))
        {
            context.Error(key.Location, InventoryNames.VariableNameHint(key.Text));
            return;
        }

        vars.Set(key.Text, YamlConvert.ToPlain(value), key.Location);
    }

    /// <summary>Entries of a <c>hosts</c> or <c>children</c> section: a mapping, empty, or (as Ansible allows) one bare name.</summary>
    private IEnumerable<(YScalar Key, YNode? Value)> Members(YNode node, string group, string section, string what)
    {
        switch (node)
        {
            case YMapping map:
                return map.Entries.Select(e => (e.Key, (YNode?)e.Value));
            case YScalar { IsNull: true }:
                return [];
            case YScalar { Value: string } single:
                return [(single, null)];
            default:
                var hint = node is YSequence ? $"; write each {what} as 'name:' on its own line" : string.Empty;
                context.Error(node.Location, $"'{section}' of group '{group}' must be a mapping of {what} names, not {node.KindName}{hint}");
                return [];
        }
    }

    private static string Suggest(string key)
    {
        var best = GroupKeys.MinBy(k => Distance(k, key))!;
        return Distance(best, key) <= 2 ? $"; did you mean '{best}'?" : string.Empty;
    }

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
