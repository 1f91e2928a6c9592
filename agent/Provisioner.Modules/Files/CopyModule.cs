// copy: a file from the plan, or inline content, written atomically to the host.
using System.Text;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

internal sealed class CopyModule(IFileSystem fs, TimeProvider time) : IModule<ContentArgs, ContentState>
{
    private readonly ContentFile _file = new(fs, time);

    public static ModuleSchema Schema { get; } = new(
        "copy",
        "Write a file shipped with the plan, or inline content, to a path on the host (atomically).",
        [
            new ArgSpec("dest", ArgType.Path, "Absolute path of the file to write. Its directory must exist.") { Required = true },
            new ArgSpec("src", ArgType.String, "File shipped with the plan (a role's files/ directory), by plan path."),
            new ArgSpec("content", ArgType.String, "The exact text to write, instead of `src`."),
            new ArgSpec("mode", ArgType.Mode, "Permissions of the file, octal ('0644') or symbolic. Quote octal modes."),
            new ArgSpec("owner", ArgType.String, "User name or uid that should own the file."),
            new ArgSpec("group", ArgType.String, "Group name or gid that should own the file."),
            new ArgSpec("backup", ArgType.Bool, "Before replacing the file, keep the old one as `dest.<timestamp>~`.") { Default = false },
            new ArgSpec("validate", ArgType.String, "Command that checks the new file before it replaces the old one; `%s` is the temporary file's path. A non-zero exit leaves the live file untouched and fails the task."),
            new ArgSpec("force", ArgType.Bool, "Replace the file when its content differs. With `no`, only write it when it does not exist.") { Default = true },
        ])
    {
        Description = "The new content is written to a temporary file in the destination's directory, created with the " +
            "final mode and owner, optionally validated, flushed to disk and renamed over the destination, so readers " +
            "never see a partial file. Content diffs carry the whole before/after text.",
        MutuallyExclusive = [["src", "content"]],
        RequiredOneOf = [["src", "content"]],
        Examples =
        [
            new ModuleExample("Install a file from the role", """
                - copy:
                    src: files/redis-sentinel.conf
                    dest: /etc/redis/sentinel.conf
                    owner: redis
                    mode: "0640"
                """),
            new ModuleExample("Write inline content, checked before it goes live", """
                - copy:
                    dest: /etc/sudoers.d/deploy
                    content: "deploy ALL=(ALL) NOPASSWD: /usr/bin/systemctl restart shop\n"
                    mode: "0440"
                    validate: visudo -cf %s
                """),
        ],
        Returns =
        [
            new ReturnSpec("dest", "string", "The file written."),
            new ReturnSpec("checksum", "string", "SHA-256 of the content, hex."),
            new ReturnSpec("size", "int", "Size in bytes."),
            new ReturnSpec("mode", "string", "Octal mode after the task."),
            new ReturnSpec("owner", "string", "Owner after the task."),
            new ReturnSpec("group", "string", "Group after the task."),
        ],
    };

    ModuleSchema IModule<ContentArgs, ContentState>.Schema => Schema;

    public ContentArgs Bind(ModuleArgs args) => new(
        args.RequiredString("dest"),
        args.String("content") is { } content ? Encoding.UTF8.GetBytes(content) : args.Resources.ReadPlanFile(args.RequiredString("src")),
        new Attributes(args.String("mode"), args.String("owner"), args.String("group")),
        args.Bool("backup"),
        args.String("validate"),
        args.Bool("force"));

    public IReadOnlyList<ArgError> Validate(ContentArgs args) =>
        args.Dest.EndsWith('/') ? [new ArgError("dest", "must name a file, not a directory")] : [];

    public Task<ContentState> GetAsync(ContentArgs args, CancellationToken ct) => _file.GetAsync(args.Dest, ct);

    public IReadOnlyList<DiffEntry> Compare(ContentArgs args, ContentState actual) => ContentFile.Compare(args, actual);

    public Task ApplyAsync(ContentArgs args, ContentState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct) =>
        _file.ApplyAsync(args, actual, diff, ct);

    public IReadOnlyDictionary<string, object?> Returns(ContentArgs args, ContentState state) => ContentFile.Returns(args.Dest, state);
}
