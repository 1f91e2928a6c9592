using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>
/// Finds roles (in <c>roles/</c> beside the playbook, then the configured role paths; a dependency also beside the role
/// that needs it), reads every part of them, and follows <c>meta/main.yml</c> dependencies, reporting cycles.
/// </summary>
internal sealed class RoleLoader(LoadContext context, TaskReader tasks)
{
    private static readonly string[] MainFileNames = ["main.yml", "main.yaml"];

    private readonly RoleRefReader _refs = new(context);

    public RoleRefReader Refs => _refs;

    /// <summary>Loads the role a reference names (once per name) and its dependencies.</summary>
    public void Load(RoleRef reference, string playbookDirectory, IReadOnlyList<string> chain, string? besideDirectory = null)
    {
        if (chain.Contains(reference.Name, StringComparer.Ordinal))
        {
            var cycle = chain.SkipWhile(n => n != reference.Name).Append(reference.Name);
            context.Diagnostics.Error(reference.Location, $"role dependency cycle: {string.Join(" -> ", cycle)}");
            return;
        }

        if (context.Roles.ContainsKey(reference.Name))
        {
            return;
        }

        var searched = SearchDirectories(reference.Name, playbookDirectory, besideDirectory);
        var directory = searched.FirstOrDefault(Directory.Exists);
        if (directory is null)
        {
            context.Roles[reference.Name] = null;
            var where = string.Join(", ", searched.Select(d => context.Display(d) + "/"));
            context.Diagnostics.Error(reference.Location, $"role '{reference.Name}' not found (looked for {where})");
            return;
        }

        // Registered before dependencies load, so that a second path to the same role is not read twice.
        context.Roles[reference.Name] = null;
        context.Roles[reference.Name] = Read(directory, playbookDirectory, [.. chain, reference.Name]);
    }

    private Role Read(string directory, string playbookDirectory, IReadOnlyList<string> chain)
    {
        var (dependencies, allowDuplicates) = ReadMeta(directory, playbookDirectory, chain);
        var scope = new TaskScope(playbookDirectory, Path.Combine(directory, "tasks"), [])
        {
            RoleName = Path.GetFileName(directory),
            RoleDirectory = directory,
        };
        return new Role
        {
            Name = Path.GetFileName(directory),
            Directory = context.Display(directory),
            Defaults = ReadVarsFile(directory, "defaults"),
            Vars = ReadVarsFile(directory, "vars"),
            Tasks = ReadTaskFile(directory, "tasks", scope),
            Handlers = ReadTaskFile(directory, "handlers", scope with { FileDirectory = Path.Combine(directory, "handlers"), IsHandler = true }),
            Dependencies = dependencies,
            AllowDuplicates = allowDuplicates,
            Templates = ListFiles(Path.Combine(directory, "templates")),
            Files = ListFiles(Path.Combine(directory, "files")),
        };
    }

    private (IReadOnlyList<RoleRef> Dependencies, bool AllowDuplicates) ReadMeta(string directory, string playbookDirectory, IReadOnlyList<string> chain)
    {
        if (MainFile(directory, "meta") is not { } file || context.LoadYaml(file) is not { } root)
        {
            return ([], false);
        }

        if (root is not YMapping map)
        {
            context.Diagnostics.Error(root.Location, $"meta/main.yml must be a mapping (dependencies:, allow_duplicates:), not {root.KindName}");
            return ([], false);
        }

        var dependencies = new List<RoleRef>();
        var allowDuplicates = false;
        foreach (var (key, value) in map.Entries)
        {
            switch (key.Text)
            {
                case "dependencies":
                    foreach (var item in context.Values.List("dependencies", value)?.Items ?? [])
                    {
                        if (_refs.Read(item) is { } dependency)
                        {
                            dependencies.Add(dependency);
                            Load(dependency, playbookDirectory, chain, Path.GetDirectoryName(directory));
                        }
                    }

                    break;
                case "allow_duplicates":
                    allowDuplicates = context.Values.Bool("allow_duplicates", value) ?? false;
                    break;
                case "galaxy_info" or "argument_specs":
                    break;
                default:
                    context.Diagnostics.Error(key.Location, $"unknown key '{key.Text}' in role meta{DidYouMean.Suffix(key.Text, Keywords.RoleMeta)}");
                    break;
            }
        }

        return (dependencies, allowDuplicates);
    }

    private IReadOnlyDictionary<string, object?> ReadVarsFile(string directory, string part)
    {
        if (MainFile(directory, part) is not { } file || context.LoadYaml(file) is not { } root)
        {
            return PlainData.NewMap();
        }

        return context.Values.Vars($"{part}/{Path.GetFileName(file)}", root);
    }

    private IReadOnlyList<TaskNode> ReadTaskFile(string directory, string part, TaskScope scope)
    {
        if (MainFile(directory, part) is not { } file)
        {
            return [];
        }

        var root = context.LoadYaml(file);
        if (root is not (YSequence or null))
        {
            context.Diagnostics.Error(root.Location, $"{part}/{Path.GetFileName(file)} must be a list of tasks, not {root.KindName}");
            return [];
        }

        return tasks.ReadList(root, part, scope with { FileChain = [file] });
    }

    private List<string> SearchDirectories(string name, string playbookDirectory, string? besideDirectory)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.StartsWith('.'))
        {
            return [Path.GetFullPath(Path.Combine(playbookDirectory, name))];
        }

        var roots = new List<string>();
        if (besideDirectory is not null)
        {
            roots.Add(besideDirectory);
        }

        roots.Add(Path.Combine(playbookDirectory, "roles"));
        roots.AddRange(context.Options.RolePaths.Select(p => Path.GetFullPath(p, context.BaseDirectory)));
        return roots.Select(r => Path.GetFullPath(Path.Combine(r, name))).Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? MainFile(string directory, string part) =>
        MainFileNames.Select(f => Path.Combine(directory, part, f)).FirstOrDefault(File.Exists);

    private static List<string> ListFiles(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];
}
