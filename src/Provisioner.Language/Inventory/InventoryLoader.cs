using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Variables;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Loads inventories in Ansible's YAML shape from files or folders, with <c>group_vars/</c> and
/// <c>host_vars/</c> beside each inventory source and beside the playbook.
/// </summary>
public static class InventoryLoader
{
    private static readonly string[] InventoryExtensions = [".yml", ".yaml", ".json"];
    private static readonly string[] SkippedFolders = ["group_vars", "host_vars", "vars_plugins"];

    /// <summary>
    /// Reads every source (a file, or a folder whose YAML files are read in lexical order, sub-folders included)
    /// into one inventory. <paramref name="playbookDir"/>, if given, adds its group_vars/ and host_vars/ above
    /// the inventory's own. Paths in messages are relative to <paramref name="displayRoot"/> (default: the
    /// current directory). Throws <see cref="InvalidInputException"/> carrying every error (and warning) found.
    /// </summary>
    public static InventoryLoadResult Load(IReadOnlyList<string> sources, string? playbookDir = null, string? displayRoot = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var context = new InventoryContext(displayRoot ?? Directory.GetCurrentDirectory());
        var builder = new InventoryBuilder();
        var parser = new InventoryParser(builder, context);
        var baseDirs = new List<string>();

        if (sources.Count == 0)
        {
            context.Error(null, "no inventory given; pass -i with an inventory file or folder");
        }

        foreach (var source in sources)
        {
            var full = Path.GetFullPath(source);
            if (File.Exists(full))
            {
                parser.ParseFile(context.LoadYaml(full, context.Display(full)));
                baseDirs.Add(Path.GetDirectoryName(full)!);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in InventoryFiles(full))
                {
                    parser.ParseFile(context.LoadYaml(file, context.Display(file)));
                }

                baseDirs.Add(full);
            }
            else
            {
                context.Error(null, $"inventory '{source}' not found: give an inventory file or a folder of them");
            }
        }

        CheckNameClashes(builder, context);
        if (context.HasErrors)
        {
            throw new InvalidInputException(context.Diagnostics);
        }

        builder.Reconcile();
        var inventory = Build(builder, baseDirs.Distinct(StringComparer.Ordinal).ToList(), playbookDir, sources, context);
        if (context.HasErrors)
        {
            throw new InvalidInputException(context.Diagnostics);
        }

        return new InventoryLoadResult(inventory, context.Diagnostics);
    }

    private static Core.Inventory.Inventory Build(
        InventoryBuilder builder, List<string> baseDirs, string? playbookDir, IReadOnlyList<string> sources, InventoryContext context)
    {
        var inventoryGroupVars = Open(baseDirs, "group_vars", context);
        var inventoryHostVars = Open(baseDirs, "host_vars", context);
        var playbookDirs = playbookDir is null ? [] : new List<string> { Path.GetFullPath(playbookDir) };
        var playbookGroupVars = Open(playbookDirs, "group_vars", context);
        var playbookHostVars = Open(playbookDirs, "host_vars", context);

        var depths = builder.Depths();
        var groups = builder.Groups.Select(g => new InventoryGroup
        {
            Name = g.Name,
            Location = g.Location,
            Children = g.Children.ToList(),
            Parents = g.Parents.ToList(),
            Hosts = g.Hosts.ToList(),
            Depth = depths[g.Name],
            Priority = g.Priority,
            Vars = g.Vars.ToLocated(),
            InventoryGroupVars = Merge(inventoryGroupVars, g.Name),
            PlaybookGroupVars = Merge(playbookGroupVars, g.Name),
        }).ToDictionary(g => g.Name, StringComparer.Ordinal);

        var hosts = new List<InventoryHost>();
        foreach (var draft in builder.Hosts)
        {
            var host = new InventoryHost
            {
                Name = draft.Name,
                Location = draft.Location,
                Groups = draft.Groups.ToList(),
                GroupNames = builder.GroupsOf(draft).Where(n => n != InventoryGroup.All).Order(StringComparer.Ordinal).ToList(),
                HostVars = draft.Vars.ToLocated(),
                InventoryHostVars = Merge(inventoryHostVars, draft.Name),
                PlaybookHostVars = Merge(playbookHostVars, draft.Name),
                Address = draft.Name,
            };
            var layers = InventoryVariables.Layers(name => groups[name], host);
            var (address, port, user) = ConnectionVars.Read(host.Name, layers, context);
            hosts.Add(host with { Vars = VariableResolver.Merge(layers), Address = address, Port = port, User = user });
        }

        WarnUnmatched(inventoryGroupVars.Concat(playbookGroupVars), "group", name => groups.ContainsKey(name), context);
        var hostNames = hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        WarnUnmatched(inventoryHostVars.Concat(playbookHostVars), "host", hostNames.Contains, context);
        return new Core.Inventory.Inventory(hosts, groups.Values.ToList(), sources.ToList());
    }

    /// <summary>Inventory files of a folder, as Ansible walks it: sorted, recursive, skipping hidden entries and vars folders.</summary>
    private static IEnumerable<string> InventoryFiles(string folder)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.EndsWith('~'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                if (!SkippedFolders.Contains(name, StringComparer.Ordinal))
                {
                    foreach (var file in InventoryFiles(entry))
                    {
                        yield return file;
                    }
                }
            }
            else if (InventoryExtensions.Contains(Path.GetExtension(name), StringComparer.Ordinal))
            {
                yield return entry;
            }
        }
    }

    /// <summary>A name that is both a host and a group makes patterns and group_vars ambiguous; Ansible only warns, we refuse.</summary>
    private static void CheckNameClashes(InventoryBuilder builder, InventoryContext context)
    {
        foreach (var host in builder.Hosts)
        {
            if (builder.FindGroup(host.Name) is { } group)
            {
                var where = group.Location is null ? "is a built-in group" : $"is also a group (defined at {group.Location})";
                context.Error(host.Location, $"host '{host.Name}' {where}; rename the host or the group");
            }
        }
    }

    private static List<VarsDirectory> Open(IEnumerable<string> baseDirs, string kind, InventoryContext context) =>
        baseDirs.Select(d => VarsDirectory.Open(d, kind, context)).OfType<VarsDirectory>().ToList();

    private static LocatedVars Merge(List<VarsDirectory> directories, string name)
    {
        var loaded = directories.Select(d => d.Load(name)).Where(v => !v.IsEmpty).ToList();
        if (loaded.Count <= 1)
        {
            return loaded.Count == 0 ? LocatedVars.Empty : loaded[0];
        }

        var merged = new VarsDraft();
        foreach (var vars in loaded)
        {
            merged.SetAll(vars);
        }

        return merged.ToLocated(string.Join(", ", loaded.Select(v => v.Origin)));
    }

    private static void WarnUnmatched(IEnumerable<VarsDirectory> directories, string kind, Func<string, bool> exists, InventoryContext context)
    {
        foreach (var directory in directories)
        {
            foreach (var (name, path) in directory.EntryNames().Where(e => !exists(e.Name)))
            {
                context.Warn(null, $"{context.Display(path)}: there is no {kind} named '{name}' in the inventory; the file is ignored");
            }
        }
    }
}
