// file: directories, symlinks, empty files, removal, and mode/owner of existing paths.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Files;

internal sealed class FileModule
{
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
}
