// lineinfile: make sure one line is present in (or absent from) a text file.
using System.Text;
using System.Text.RegularExpressions;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

internal sealed class LineInFileModule(IFileSystem fs, TimeProvider time) : IModule<LineInFileArgs, ContentState>
{
    private readonly ContentFile _file = new(fs, time);

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
            new ReturnSpec("checksum", "string", "SHA-256 of the file's content after the task, hex."),
            new ReturnSpec("mode", "string", "Octal mode after the task."),
            new ReturnSpec("owner", "string", "Owner after the task."),
            new ReturnSpec("group", "string", "Group after the task."),
        ],
    };

    ModuleSchema IModule<LineInFileArgs, ContentState>.Schema => Schema;

    public LineInFileArgs Bind(ModuleArgs args) => new(
        args.RequiredString("path"),
        args.String("line"),
        args.String("regexp") is { } pattern ? Pattern("regexp", pattern) : null,
        args.String("search_string"),
        args.String("state") == "present",
        args.String("insertafter"),
        args.String("insertbefore"),
        args.Bool("firstmatch"),
        args.Bool("backrefs"),
        args.Bool("create"),
        args.Bool("backup"),
        new Attributes(args.String("mode"), args.String("owner"), args.String("group")),
        args.String("validate"));

    public IReadOnlyList<ArgError> Validate(LineInFileArgs args)
    {
        var errors = new List<ArgError>();
        foreach (var (name, anchor) in new[] { ("insertafter", args.InsertAfter), ("insertbefore", args.InsertBefore) })
        {
            if (anchor is not null and not "BOF" and not "EOF")
            {
                try
                {
                    _ = Pattern(name, anchor);
                }
                catch (ArgumentException e)
                {
                    errors.Add(new ArgError(name, e.Message));
                }
            }
        }

        if (args.Line?.Contains('\n', StringComparison.Ordinal) == true)
        {
            errors.Add(new ArgError("line", "must be a single line; use copy or template for several lines"));
        }

        return errors;
    }

    public async Task<ContentState> GetAsync(LineInFileArgs args, CancellationToken ct)
    {
        var state = await _file.GetAsync(args.Path, ct).ConfigureAwait(false);
        if (state.Found is null && args.Present && !args.Create)
        {
            throw new ModuleException($"{args.Path} does not exist; set create: yes to create it with the line");
        }

        if (state.Found is { Stat.Kind: FileKind.Symlink })
        {
            throw new ModuleException($"{args.Path} is a symbolic link (to {state.Found.Stat.LinkTarget}); edit the file it points to");
        }

        return state;
    }

    public IReadOnlyList<DiffEntry> Compare(LineInFileArgs args, ContentState actual) =>
        actual.Found is null && !args.Present ? [] : ContentFile.Compare(Wanted(args, actual), actual);

    public Task ApplyAsync(LineInFileArgs args, ContentState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct) =>
        _file.ApplyAsync(Wanted(args, actual), actual, diff, ct);

    public IReadOnlyDictionary<string, object?> Returns(LineInFileArgs args, ContentState state) =>
        ContentFile.Returns(args.Path, state, pathKey: "path");

    private static ContentArgs Wanted(LineInFileArgs args, ContentState actual)
    {
        var text = actual.Content is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty;
        var (edited, _) = LineEditor.Edit(args, text);
        return new ContentArgs(args.Path, Encoding.UTF8.GetBytes(edited), args.Attributes, args.Backup, args.Validate, Force: true);
    }

    private static Regex Pattern(string name, string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.None, LineEditor.RegexTimeout);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{name}: not a valid regular expression: {e.Message}", e);
        }
    }
}
