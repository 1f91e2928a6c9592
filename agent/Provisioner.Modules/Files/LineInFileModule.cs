// lineinfile: make sure one line is present in (or absent from) a text file.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Files;

internal sealed class LineInFileModule
{
    public static ModuleSchema Schema { get; } = new(
        "lineinfile",
        "Make sure a line is present in, or absent from, a text file; replace the line a regular expression matches.",
        [
            new ArgSpec("path", ArgType.Path, "Absolute path of the file.") { Required = true, Aliases = ["dest", "destfile", "name"] },
            new ArgSpec("line", ArgType.String, "The line to have in the file (required with state=present).") { Aliases = ["value"] },
            new ArgSpec("regexp", ArgType.String, ".NET regular expression: with state=present the last matching line is replaced by `line`; with state=absent every matching line is removed.") { Aliases = ["regex"] },
            new ArgSpec("search_string", ArgType.String, "Literal text instead of `regexp`: lines containing it are the ones replaced or removed."),
            new ArgSpec("state", ArgType.String, "Whether the line should be there.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("insertafter", ArgType.String, "When nothing matches: insert after the last line matching this regular expression, or `EOF` (default) / `BOF`."),
            new ArgSpec("insertbefore", ArgType.String, "When nothing matches: insert before the last line matching this regular expression, or `BOF`."),
            new ArgSpec("firstmatch", ArgType.Bool, "Use the first line matching `insertafter`/`insertbefore` instead of the last.") { Default = false },
            new ArgSpec("backrefs", ArgType.Bool, "`line` may use `$1`… from `regexp`; when nothing matches the file is left unchanged.") { Default = false },
            new ArgSpec("create", ArgType.Bool, "Create the file when it does not exist (otherwise that is an error).") { Default = false },
            new ArgSpec("backup", ArgType.Bool, "Before changing the file, keep the old one as `path.<timestamp>~`.") { Default = false },
            new ArgSpec("mode", ArgType.Mode, "Permissions of the file. Quote octal modes."),
            new ArgSpec("owner", ArgType.String, "User name or uid that should own the file."),
            new ArgSpec("group", ArgType.String, "Group name or gid that should own the file."),
            new ArgSpec("validate", ArgType.String, "Command that checks the changed file before it replaces the old one; `%s` is the temporary file's path."),
        ])
    {
        Description = "The file is rewritten atomically, keeping its line endings and a final newline.",
        MutuallyExclusive = [["insertafter", "insertbefore"], ["regexp", "search_string"], ["backrefs", "search_string"]],
        RequiredIf = [new RequiredIf("state", "present", ["line"]), new RequiredIf("backrefs", "true", ["regexp"])],
        Examples =
        [
            new ModuleExample("Set a value in a config file", """
                - lineinfile:
                    path: /etc/ssh/sshd_config
                    regexp: '^#?PasswordAuthentication '
                    line: PasswordAuthentication no
                  notify: restart ssh
                """),
            new ModuleExample("Remove a line", """
                - lineinfile:
                    path: /etc/hosts
                    regexp: '\sold-db$'
                    state: absent
                """),
        ],
        Returns =
        [
            new ReturnSpec("path", "string", "The file."),
            new ReturnSpec("found", "int", "With state=absent: how many lines were (or would be) removed."),
            new ReturnSpec("backup_file", "string", "Path of the backup, when one was made."),
        ],
    };
}
