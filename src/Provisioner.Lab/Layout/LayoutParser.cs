using System.Text.RegularExpressions;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Yaml;

namespace Provisioner.Lab.Layout;

/// <summary>
/// Reads a lab layout: either a layout file, <c>groups: {lb: [lb1, lb2], app: [app1]}</c>, or a YAML inventory (the
/// site's own, e.g. inventory/site.yml), whose hosts the lab makes in the order they are listed, each in the group
/// that lists it under <c>hosts:</c> (its first such group); addresses and variables in it are ignored, the lab gives
/// its own. Hosts are DNS labels, each in exactly one group; every problem is reported at once with path:line:col.
/// </summary>
public static partial class LayoutParser
{
    public const int MaxHosts = 240;

    public static LabLayout ParseFile(string path, string displayPath) =>
        Parse(YamlLoader.LoadFile(path, displayPath), displayPath);

    public static LabLayout ParseText(string text, string displayPath) =>
        Parse(YamlLoader.LoadText(text, displayPath), displayPath);

    private static LabLayout Parse(YNode? root, string displayPath)
    {
        var errors = new List<Diagnostic>();
        var hosts = new List<LabHostSpec>();
        if (root is not YMapping top)
        {
            throw new InvalidInputException([Diagnostic.Error(root?.Location ?? new SourceLocation(displayPath, 1, 1), "a lab layout is a mapping: 'groups: {app: [app1, app2]}', or an inventory (e.g. inventory/site.yml)")]);
        }

        if (top["groups"] is null)
        {
            return FromInventory(top);
        }

        foreach (var entry in top.Entries.Where(e => e.Key.Text != "groups"))
        {
            errors.Add(Diagnostic.Error(entry.Key.Location, $"unknown key '{entry.Key.Text}'; a lab layout has only 'groups'"));
        }

        if (top["groups"] is not YMapping groups || groups.Entries.Count == 0)
        {
            errors.Add(Diagnostic.Error((top.KeyNode("groups") ?? (YNode)top).Location, "'groups' must map group names to lists of host names, e.g. groups: {app: [app1, app2]}"));
            throw new InvalidInputException(errors);
        }

        var seen = new Dictionary<string, (string Group, SourceLocation Where)>(StringComparer.Ordinal);
        foreach (var (groupKey, members) in groups.Entries)
        {
            if (!GroupName().IsMatch(groupKey.Text) || groupKey.Text is "all" or "ungrouped")
            {
                errors.Add(Diagnostic.Error(groupKey.Location, $"group name '{groupKey.Text}' must be lowercase letters, digits and '_', start with a letter, and not be 'all' or 'ungrouped'"));
            }

            if (members is not YSequence list || list.Items.Count == 0)
            {
                errors.Add(Diagnostic.Error(members.Location, $"group '{groupKey.Text}' needs a non-empty list of host names"));
                continue;
            }

            foreach (var item in list.Items)
            {
                if (item is not YScalar { Value: string name })
                {
                    errors.Add(Diagnostic.Error(item.Location, $"host names are strings, not {item.KindName}"));
                    continue;
                }

                if (!HostName().IsMatch(name))
                {
                    errors.Add(Diagnostic.Error(item.Location, $"host name '{name}' must be a DNS label: lowercase letters, digits and '-', starting with a letter, at most 63 characters"));
                    continue;
                }

                if (seen.TryGetValue(name, out var first))
                {
                    errors.Add(Diagnostic.Error(item.Location, $"host '{name}' is already in group '{first.Group}' (line {first.Where.Line}); a lab host belongs to one group"));
                    continue;
                }

                seen[name] = (groupKey.Text, item.Location);
                hosts.Add(new LabHostSpec(name, groupKey.Text));
            }
        }

        if (hosts.Count > MaxHosts)
        {
            errors.Add(Diagnostic.Error(groups.Location, $"{hosts.Count} hosts; a lab has room for at most {MaxHosts}"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        return new LabLayout(hosts);
    }

    /// <summary>An inventory's groups, walked in file order through <c>children:</c>; each host in the first group that lists it.</summary>
    private static LabLayout FromInventory(YMapping top)
    {
        var errors = new List<Diagnostic>();
        var hosts = new List<LabHostSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Walk(string group, YNode? body)
        {
            if (body is not YMapping mapping)
            {
                return;
            }

            if (mapping["hosts"] is YMapping members)
            {
                foreach (var key in members.Entries.Select(e => e.Key))
                {
                    if (!HostName().IsMatch(key.Text))
                    {
                        errors.Add(Diagnostic.Error(key.Location, $"host '{key.Text}' cannot be a lab host: a lab host's name is a DNS label (lowercase letters, digits and '-', starting with a letter; no ranges)"));
                    }
                    else if (seen.Add(key.Text))
                    {
                        hosts.Add(new LabHostSpec(key.Text, group == "all" ? "ungrouped" : group));
                    }
                }
            }

            if (mapping["children"] is YMapping children)
            {
                foreach (var (child, childBody) in children.Entries)
                {
                    Walk(child.Text, childBody);
                }
            }
        }

        foreach (var (group, body) in top.Entries)
        {
            Walk(group.Text, body);
        }

        if (hosts.Count == 0 && errors.Count == 0)
        {
            errors.Add(Diagnostic.Error(top.Location, "no hosts: a lab layout is either 'groups: {app: [app1, app2]}' or an inventory whose groups list hosts under 'hosts:'"));
        }

        if (hosts.Count > MaxHosts)
        {
            errors.Add(Diagnostic.Error(top.Location, $"{hosts.Count} hosts; a lab has room for at most {MaxHosts}"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        return new LabLayout(hosts);
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex GroupName();
}
