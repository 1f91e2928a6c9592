using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Validation;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Ships the files tasks take from the controller (<c>template: src</c> from templates/, <c>copy: src</c> from files/)
/// inside the plan and rewrites <c>src</c> to the file's plan path: <c>roles/NAME/templates/x.sbn</c> for a role's file,
/// the path relative to the playbook's folder otherwise. Lookup order is the validator's: the role's (or task file's)
/// folder, then beside the playbook. A templated <c>src</c> cannot be resolved before the host renders it: the whole
/// first existing search folder is shipped and <c>src</c> is prefixed with that folder's plan path.
/// </summary>
internal sealed class PlanFiles
{
    private sealed record Reference(string Module, string Folder);

    private static readonly Reference[] References = [new("template", "templates"), new("copy", "files")];

    private readonly ValidatedPlaybook _playbook;
    private readonly Dictionary<string, ReadOnlyMemory<byte>> _bytes = new(StringComparer.Ordinal);

    public PlanFiles(ValidatedPlaybook playbook)
    {
        _playbook = playbook;
    }

    /// <summary>The task's arguments with <c>src</c> rewritten; the files it needs are added to <paramref name="shipped"/>.</summary>
    public IReadOnlyDictionary<string, object?> Ship(TaskSpec task, Dictionary<string, ReadOnlyMemory<byte>> shipped, List<Diagnostic> errors)
    {
        var reference = Array.Find(References, r => r.Module == task.Module);
        if (reference is null
            || !task.Args.TryGetValue("src", out var value) || value is not string src || src.Length == 0
            || (task.Args.TryGetValue("remote_src", out var remote) && PlainData.IsTruthy(remote)))
        {
            return task.Args;
        }

        var at = task.ArgLocations.GetValueOrDefault("src") ?? task.ModuleLocation;
        var searched = SearchDirectories(task, reference.Folder);
        string planPath;
        if (src.Contains("{{", StringComparison.Ordinal))
        {
            var folder = searched.FirstOrDefault(d => Directory.Exists(d.Full));
            if (folder is null)
            {
                errors.Add(Diagnostic.Error(at, $"templated src '{src}': none of the folders it could name exists ({string.Join(", ", searched.Select(d => d.PlanPath + "/"))})"));
                return task.Args;
            }

            foreach (var file in Directory.EnumerateFiles(folder.Full, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                shipped[Join(folder.PlanPath, Path.GetRelativePath(folder.Full, file))] = Read(file);
            }

            planPath = Join(folder.PlanPath, src);
        }
        else
        {
            var found = searched
                .Select(d => (Full: Path.GetFullPath(Path.Combine(d.Full, src)), Folder: d))
                .FirstOrDefault(c => File.Exists(c.Full) || Directory.Exists(c.Full));
            if (found.Full is null)
            {
                // The validator reported it already; nothing to ship.
                return task.Args;
            }

            if (Directory.Exists(found.Full))
            {
                errors.Add(Diagnostic.Error(at, $"{task.Module} of a directory ('{src}') is not supported yet; copy each file with its own task (or a loop)"));
                return task.Args;
            }

            planPath = Join(found.Folder.PlanPath, Path.GetRelativePath(found.Folder.Full, found.Full));
            shipped[planPath] = Read(found.Full);
        }

        var args = PlainData.CloneMap(task.Args);
        args["src"] = planPath;
        return args;
    }

    private ReadOnlyMemory<byte> Read(string fullPath)
    {
        if (!_bytes.TryGetValue(fullPath, out var bytes))
        {
            bytes = File.ReadAllBytes(fullPath);
            _bytes[fullPath] = bytes;
        }

        return bytes;
    }

    private sealed record SearchDirectory(string Full, string PlanPath);

    private List<SearchDirectory> SearchDirectories(TaskSpec task, string folder)
    {
        var dirs = new List<SearchDirectory>();
        if (task.Role is not null && _playbook.Playbook.Roles.TryGetValue(task.Role, out var role))
        {
            var roleDir = _playbook.FullPath(role.Directory);
            var rolePlan = "roles/" + role.Name;
            dirs.Add(new SearchDirectory(Path.Combine(roleDir, folder), Join(rolePlan, folder)));
            dirs.Add(new SearchDirectory(roleDir, rolePlan));
        }
        else
        {
            var taskDir = Path.GetDirectoryName(_playbook.FullPath(task.Location.Path))!;
            dirs.Add(new SearchDirectory(Path.Combine(taskDir, folder), PlaybookRelative(Path.Combine(taskDir, folder))));
            dirs.Add(new SearchDirectory(taskDir, PlaybookRelative(taskDir)));
        }

        dirs.Add(new SearchDirectory(Path.Combine(_playbook.PlaybookDirectory, folder), folder));
        dirs.Add(new SearchDirectory(_playbook.PlaybookDirectory, string.Empty));
        return dirs.DistinctBy(d => d.Full, StringComparer.Ordinal).ToList();
    }

    private string PlaybookRelative(string full)
    {
        var relative = Path.GetRelativePath(_playbook.PlaybookDirectory, full).Replace('\\', '/');
        return relative == "." ? string.Empty : relative;
    }

    private static string Join(string folder, string relative)
    {
        relative = relative.Replace('\\', '/');
        return folder.Length == 0 ? relative : $"{folder}/{relative}";
    }
}
