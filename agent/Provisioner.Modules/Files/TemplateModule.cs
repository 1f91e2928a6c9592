// template: a Scriban template from the plan, rendered with the host's variables and written atomically.
using System.Text;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

internal sealed class TemplateModule(IFileSystem fs, TimeProvider time) : IModule<ContentArgs, ContentState>
{
    private readonly ContentFile _file = new(fs, time);

    public static ModuleSchema Schema { get; } = new(
        "template",
        "Render a Scriban template (.sbn) shipped with the plan and write the result to the host (atomically).",
        [
            new ArgSpec("src", ArgType.String, "Template shipped with the plan (a role's templates/ directory), by plan path.") { Required = true },
            new ArgSpec("dest", ArgType.Path, "Absolute path of the file to write. Its directory must exist.") { Required = true },
            new ArgSpec("mode", ArgType.Mode, "Permissions of the file, octal ('0644') or symbolic. Quote octal modes."),
            new ArgSpec("owner", ArgType.String, "User name or uid that should own the file."),
            new ArgSpec("group", ArgType.String, "Group name or gid that should own the file."),
            new ArgSpec("backup", ArgType.Bool, "Before replacing the file, keep the old one as `dest.<timestamp>~`.") { Default = false },
            new ArgSpec("validate", ArgType.String, "Command that checks the rendered file before it replaces the old one; `%s` is the temporary file's path (`nginx -t -c %s`, `haproxy -c -f %s`)."),
            new ArgSpec("force", ArgType.Bool, "Replace the file when its content differs. With `no`, only write it when it does not exist.") { Default = true },
        ])
    {
        Description = "The template is rendered on the host, in the sandbox, with the play's variables and the host's " +
            "facts; the rendered text is what is compared with the file, so a second run reports no change.",
        Examples =
        [
            new ModuleExample("Render the nginx site and check it before it goes live", """
                - template:
                    src: templates/shop.conf.sbn
                    dest: /etc/nginx/conf.d/shop.conf
                    mode: "0644"
                    validate: nginx -t -c %s
                  notify: reload nginx
                """),
        ],
        Returns =
        [
            new ReturnSpec("dest", "string", "The file written."),
            new ReturnSpec("checksum", "string", "SHA-256 of the rendered content, hex."),
            new ReturnSpec("size", "int", "Size in bytes."),
            new ReturnSpec("mode", "string", "Octal mode after the task."),
            new ReturnSpec("owner", "string", "Owner after the task."),
            new ReturnSpec("group", "string", "Group after the task."),
        ],
    };

    ModuleSchema IModule<ContentArgs, ContentState>.Schema => Schema;

    /// <summary>Renders here, so that Compare sees the final text and a second run reports no change.</summary>
    public ContentArgs Bind(ModuleArgs args) => new(
        args.RequiredString("dest"),
        Encoding.UTF8.GetBytes(args.Resources.RenderTemplate(args.RequiredString("src"))),
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
