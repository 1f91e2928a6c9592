// file: directories, symlinks, empty files, removal, and mode/owner of existing paths.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

internal sealed class FileModule(IFileSystem fs) : IModule<FileArgs, FileState>
{
    private const int DefaultDirectoryMode = 0b111_101_101; // 0755

    public static ModuleSchema Schema { get; } = new(
        "file",
        "Manage directories, symlinks, empty files and the mode and owner of existing paths.",
        [
            new ArgSpec("path", ArgType.Path, "Absolute path of the file, directory or link to manage.") { Required = true, Aliases = ["dest", "name"] },
            new ArgSpec("state", ArgType.String, "`file`: the path must exist as a regular file (it is not created; use `copy` or `touch`); `directory`: created with missing parents; `link`: a symlink to `src`; `touch`: created empty when missing; `absent`: removed, recursively for directories.")
            {
                Default = "file",
                Choices = ["file", "directory", "link", "absent", "touch"],
            },
            new ArgSpec("mode", ArgType.Mode, "Permissions, octal ('0644') or symbolic ('u=rw,g=r,o='). Quote octal modes."),
            new ArgSpec("owner", ArgType.String, "User name or uid that should own the path."),
            new ArgSpec("group", ArgType.String, "Group name or gid that should own the path."),
            new ArgSpec("recurse", ArgType.Bool, "With state=directory, apply mode, owner and group to everything below the directory too.") { Default = false },
            new ArgSpec("src", ArgType.Path, "With state=link, the path the link points to (absolute or relative to the link's directory)."),
            new ArgSpec("force", ArgType.Bool, "With state=link, replace an existing file or empty directory at `path` by the link.") { Default = false },
        ])
    {
        Description = "Owner and group accept names or numeric ids. With state=link, mode/owner/group apply to the link itself. " +
            "Paths containing `..` or below a symlinked directory are refused.",
        RequiredIf = [new RequiredIf("state", "link", ["src"])],
        Examples =
        [
            new ModuleExample("Create a directory owned by www-data", """
                - name: Web root
                  file:
                    path: /srv/www
                    state: directory
                    owner: www-data
                    group: www-data
                    mode: "0755"
                """),
            new ModuleExample("Point a symlink at the enabled site", """
                - file:
                    src: /etc/nginx/sites-available/shop.conf
                    path: /etc/nginx/sites-enabled/shop.conf
                    state: link
                """),
            new ModuleExample("Remove a file", """
                - file:
                    path: /etc/nginx/sites-enabled/default
                    state: absent
                """),
        ],
        Returns =
        [
            new ReturnSpec("path", "string", "The managed path."),
            new ReturnSpec("state", "string", "What the path is after the task: file, directory, link or absent."),
            new ReturnSpec("mode", "string", "Octal mode after the task, e.g. '0644' (absent when the path is absent)."),
            new ReturnSpec("owner", "string", "Owner name (or uid when it has no name)."),
            new ReturnSpec("group", "string", "Group name (or gid when it has no name)."),
            new ReturnSpec("src", "string", "For links: the link target."),
        ],
    };

    ModuleSchema IModule<FileArgs, FileState>.Schema => Schema;

    public FileArgs Bind(ModuleArgs args) => new(
        args.RequiredString("path"),
        args.String("state")!,
        new Attributes(args.String("mode"), args.String("owner"), args.String("group")),
        args.Bool("recurse"),
        args.String("src"),
        args.Bool("force"));

    public IReadOnlyList<ArgError> Validate(FileArgs args)
    {
        var errors = new List<ArgError>();
        if (args.State == "link" && args.Attributes.Mode is not null)
        {
            errors.Add(new ArgError("mode", "a symbolic link has no mode of its own; set the mode on the file it points to"));
        }

        if (args.Recurse && args.State != "directory")
        {
            errors.Add(new ArgError("recurse", "only applies with state=directory"));
        }

        if (args.Src is not null && args.State != "link")
        {
            errors.Add(new ArgError("src", "only used with state=link; to copy a file use the copy module"));
        }

        return errors;
    }

    public Task<FileState> GetAsync(FileArgs args, CancellationToken ct)
    {
        var found = Observed.Read(fs, args.Path);
        var kind = found?.Stat.Kind;
        var conflict = (args.State, kind) switch
        {
            ("file", null) => "does not exist; state=file only changes existing files: use state=touch, copy or template to create it",
            ("file", not FileKind.File) => $"is a {Observed.KindText(kind)}, not a file",
            ("directory", not null and not FileKind.Directory) => $"exists as a {Observed.KindText(kind)}; remove it first (state=absent)",
            ("touch", FileKind.Symlink) => "is a symbolic link; touch the file it points to instead",
            ("link", FileKind.File) when !args.Force => "exists as a file; set force: yes to replace it by a link",
            ("link", FileKind.Directory) when !args.Force || fs.List(args.Path).Count > 0 =>
                "exists as a directory; only an empty directory is replaced by a link, and only with force: yes",
            ("link", FileKind.Other) => "exists as a special file; remove it first",
            _ => null,
        };
        if (conflict is not null)
        {
            throw new ModuleException($"{args.Path} {conflict}");
        }

        var below = args.Recurse && kind == FileKind.Directory ? Walk(args.Path) : [];
        return Task.FromResult(new FileState(found, below));
    }

    public IReadOnlyList<DiffEntry> Compare(FileArgs args, FileState actual)
    {
        var found = actual.Found;
        var diff = new List<DiffEntry>();
        var have = Observed.KindText(found?.Stat.Kind);
        var wanted = args.State switch
        {
            "touch" => found is null ? "file" : have,
            _ => args.State,
        };
        if (have != wanted)
        {
            diff.Add(new DiffEntry("state", have, wanted) { Path = args.Path });
        }

        if (args.State == "link" && found?.Stat.LinkTarget != args.Src)
        {
            diff.Add(new DiffEntry("src", found?.Stat.LinkTarget ?? string.Empty, args.Src!) { Path = args.Path });
        }

        if (args.State != "absent" && found is not null && have == wanted)
        {
            diff.AddRange(AttributeDiff.Compare(args.Attributes, found));
            diff.AddRange(actual.Below.SelectMany(b => AttributeDiff.Compare(args.Attributes, b)));
        }

        return diff;
    }

    public async Task ApplyAsync(FileArgs args, FileState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        var kind = actual.Found?.Stat.Kind;
        switch (args.State)
        {
            case "absent":
                fs.Delete(args.Path, recursive: true);
                return;
            case "directory" when kind is null:
                CreateDirectories(args);
                break;
            case "touch" when kind is null:
                await fs.WriteAtomicAsync(args.Path, ReadOnlyMemory<byte>.Empty, AttributeDiff.WriteOptions(fs, args.Attributes, null, null), ct).ConfigureAwait(false);
                break;
            case "link" when kind != FileKind.Symlink || actual.Found!.Stat.LinkTarget != args.Src:
                fs.Delete(args.Path, recursive: false);
                fs.CreateSymlink(args.Path, args.Src!);
                break;
        }

        var found = Observed.Read(fs, args.Path) ?? throw new ModuleException($"{args.Path} vanished while it was being changed");
        AttributeDiff.Apply(fs, args.Attributes, found);
        foreach (var below in args.Recurse ? Walk(args.Path) : [])
        {
            AttributeDiff.Apply(fs, args.Attributes, below);
        }
    }

    public IReadOnlyDictionary<string, object?> Returns(FileArgs args, FileState state)
    {
        var result = PlainData.NewMap();
        result["path"] = args.Path;
        result["state"] = Observed.KindText(state.Found?.Stat.Kind);
        if (state.Found is { } found)
        {
            if (found.Stat.Kind != FileKind.Symlink)
            {
                result["mode"] = Modes.Octal(found.Stat.Mode);
            }

            result["owner"] = found.OwnerText;
            result["group"] = found.GroupText;
            if (found.Stat.LinkTarget is { } target)
            {
                result["src"] = target;
            }
        }

        return result;
    }

    /// <summary>Missing parents get 0755 and the task's owner; the directory itself gets the task's mode too.</summary>
    private void CreateDirectories(FileArgs args)
    {
        var missing = new Stack<string>();
        for (var path = args.Path; path is not null && fs.Stat(path) is null; path = Path.GetDirectoryName(path))
        {
            missing.Push(path);
        }

        while (missing.TryPop(out var path))
        {
            var mode = path == args.Path && args.Attributes.Mode is { } wanted
                ? Modes.Resolve(wanted, DefaultDirectoryMode, isDirectory: true)
                : DefaultDirectoryMode;
            fs.CreateDirectory(path, mode);
            if (path != args.Path)
            {
                AttributeDiff.Apply(fs, args.Attributes with { Mode = null }, Observed.Read(fs, path)!);
            }
        }
    }

    private List<Observed> Walk(string directory)
    {
        var result = new List<Observed>();
        foreach (var entry in fs.List(directory))
        {
            if (Observed.Read(fs, entry) is not { } found)
            {
                continue;
            }

            result.Add(found);
            if (found.Stat.Kind == FileKind.Directory)
            {
                result.AddRange(Walk(entry));
            }
        }

        return result;
    }
}
