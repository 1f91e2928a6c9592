using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>
/// Files a task takes from the controller (<c>template: src:</c> from a role's templates/, <c>copy: src:</c> from files/)
/// must exist. Returns where each was found, by task; the templates among them are checked for syntax and variables too.
/// </summary>
internal static class FileReferenceCheck
{
    private sealed record Reference(string Module, string Argument, string Folder, string Kind);

    private static readonly Reference[] References =
    [
        new("template", "src", "templates", "template"),
        new("copy", "src", "files", "file"),
        new("unarchive", "src", "files", "file"),
    ];

    public static Dictionary<SourceLocation, string> Run(Playbook playbook, string baseDirectory, string playbookDirectory, DiagnosticBag diagnostics)
    {
        var sources = new Dictionary<SourceLocation, string>();
        foreach (var task in TaskWalker.All(playbook))
        {
            var reference = Array.Find(References, r => r.Module == task.Module);
            if (reference is null
                || !task.Args.TryGetValue(reference.Argument, out var value) || value is not string src || src.Length == 0
                || src.Contains("{{", StringComparison.Ordinal)
                || (task.Args.TryGetValue("remote_src", out var remote) && PlainData.IsTruthy(remote)))
            {
                continue;
            }

            var searched = Path.IsPathRooted(src) ? [Path.GetPathRoot(src)!] : SearchDirectories(task, reference.Folder, playbook, baseDirectory, playbookDirectory);
            var found = searched.Select(d => Path.GetFullPath(Path.Combine(d, src)))
                .FirstOrDefault(p => src.EndsWith('/') ? Directory.Exists(p) : File.Exists(p) || Directory.Exists(p));
            if (found is null)
            {
                var at = task.ArgLocations.GetValueOrDefault(reference.Argument) ?? task.ModuleLocation;
                var where = Path.IsPathRooted(src) ? "on this machine" : $"(looked in {string.Join(", ", searched.Select(d => Display(baseDirectory, d) + "/"))})";
                diagnostics.Error(at, $"{reference.Kind} '{src}' not found {where}");
            }
            else
            {
                sources[task.Location] = found;
            }
        }

        return sources;
    }

    private static List<string> SearchDirectories(TaskSpec task, string folder, Playbook playbook, string baseDirectory, string playbookDirectory)
    {
        var dirs = new List<string>();
        if (task.Role is not null && playbook.Roles.Values.FirstOrDefault(r => r.Name == task.Role) is { } role)
        {
            var roleDir = Path.GetFullPath(Path.Combine(baseDirectory, role.Directory));
            dirs.AddRange([Path.Combine(roleDir, folder), roleDir]);
        }
        else
        {
            var taskDir = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(baseDirectory, task.Location.Path)))!;
            dirs.AddRange([Path.Combine(taskDir, folder), taskDir]);
        }

        dirs.AddRange([Path.Combine(playbookDirectory, folder), playbookDirectory]);
        return dirs.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Display(string baseDirectory, string path) => Path.GetRelativePath(baseDirectory, path).Replace('\\', '/');
}
