using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Inventory;

/// <summary>
/// One <c>group_vars/</c> or <c>host_vars/</c> folder. An entry for NAME is the first of: a folder or file
/// <c>NAME</c>, <c>NAME.yml</c>, <c>NAME.yaml</c>, <c>NAME.json</c> (as Ansible looks them up). A folder's
/// YAML files are merged in lexical order, sub-folders included; hidden files and <c>~</c> backups are skipped.
/// </summary>
internal sealed class VarsDirectory
{
    private static readonly string[] Extensions = [".yml", ".yaml", ".json"];

    private readonly string _path;
    private readonly InventoryContext _context;

    private VarsDirectory(string path, InventoryContext context)
    {
        _path = path;
        _context = context;
    }

    /// <summary>The folder <paramref name="kind"/> ("group_vars"/"host_vars") in <paramref name="baseDir"/>, or null if there is none.</summary>
    public static VarsDirectory? Open(string baseDir, string kind, InventoryContext context)
    {
        var path = Path.Combine(baseDir, kind);
        if (Directory.Exists(path))
        {
            return new VarsDirectory(path, context);
        }

        if (File.Exists(path))
        {
            context.Warn(new SourceLocation(context.Display(path), 1, 1), $"'{kind}' is a file, not a folder; it is ignored");
        }

        return null;
    }

    public string DisplayPath => _context.Display(_path);

    /// <summary>Names that this folder has entries for, with the entry's path for messages.</summary>
    public IEnumerable<(string Name, string Path)> EntryNames()
    {
        foreach (var entry in Sorted(Directory.EnumerateFileSystemEntries(_path)))
        {
            var file = Path.GetFileName(entry);
            if (IsSkipped(file))
            {
                continue;
            }

            var ext = Path.GetExtension(file);
            if (Directory.Exists(entry) || ext.Length == 0)
            {
                yield return (file, entry);
            }
            else if (Extensions.Contains(ext, StringComparer.Ordinal))
            {
                yield return (file[..^ext.Length], entry);
            }
        }
    }

    /// <summary>The merged variables for <paramref name="name"/>; empty when there is no entry.</summary>
    public LocatedVars Load(string name)
    {
        var entry = Find(name);
        if (entry is null)
        {
            return LocatedVars.Empty;
        }

        var files = Directory.Exists(entry) ? FilesIn(entry) : [entry];
        var vars = new VarsDraft();
        foreach (var file in files)
        {
            ReadFile(file, vars);
        }

        return vars.ToLocated(_context.Display(entry));
    }

    private string? Find(string name)
    {
        foreach (var candidate in new[] { name }.Concat(Extensions.Select(e => name + e)))
        {
            var path = Path.Combine(_path, candidate);
            if (Directory.Exists(path) || File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }

    private static List<string> FilesIn(string folder)
    {
        var result = new List<string>();
        foreach (var entry in Sorted(Directory.EnumerateFileSystemEntries(folder)))
        {
            var file = Path.GetFileName(entry);
            var ext = Path.GetExtension(file);
            if (IsSkipped(file))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                if (ext.Length == 0)
                {
                    result.AddRange(FilesIn(entry));
                }
            }
            else if (ext.Length == 0 || Extensions.Contains(ext, StringComparer.Ordinal))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private void ReadFile(string file, VarsDraft vars)
    {
        var display = _context.Display(file);
        var node = _context.LoadYaml(file, display);
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                return;
            case YMapping map:
                foreach (var (key, value) in map.Entries)
                {
                    if (!InventoryNames.IsValidVariableName(key.Text))
                    {
                        _context.Error(key.Location, InventoryNames.VariableNameHint(key.Text));
                        continue;
                    }

                    vars.Set(key.Text, YamlConvert.ToPlain(value), key.Location);
                }

                return;
            default:
                _context.Error(node.Location, $"a vars file must be a mapping of variable names to values, not {node.KindName}");
                return;
        }
    }

    private static bool IsSkipped(string file) => file.StartsWith('.') || file.EndsWith('~');

    private static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);
}
