// command: runs a program directly (no shell), for what no module covers.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Commands;

internal sealed class CommandModule(IFileSystem fs, IProcessRunner processes) : IActionModule<CommandArgs>
{
    private readonly CommandExecution _execution = new(fs, processes);

    public static ModuleSchema Schema { get; } = new(
        "command",
        "Run a program directly, without a shell; use `creates`/`removes` or `changed_when` to make it idempotent.",
        [
            new ArgSpec("cmd", ArgType.String, "The command line, split into words like a shell would (quotes respected) but with no shell features: no pipes, redirections, variables or globs. Also given free-form: `command: ls -l /srv`."),
            new ArgSpec("argv", ArgType.List, "The program and its arguments as a list, passed exactly as given.") { Elements = ArgType.String },
            new ArgSpec("creates", ArgType.Path, "Skip the command when this path exists."),
            new ArgSpec("removes", ArgType.Path, "Skip the command when this path does not exist."),
            new ArgSpec("chdir", ArgType.Path, "Working directory of the command."),
            new ArgSpec("env", ArgType.Dict, "Environment variables added to the agent's environment."),
            new ArgSpec("stdin", ArgType.String, "Text written to the command's standard input."),
            new ArgSpec("stdin_add_newline", ArgType.Bool, "Append a newline to `stdin`.") { Default = true },
            new ArgSpec("strip_empty_ends", ArgType.Bool, "Strip trailing newlines from stdout and stderr in the result.") { Default = true },
        ])
    {
        FreeForm = "cmd",
        Description = "The agent cannot observe what a command does, so it reports `changed` whenever the command runs " +
            "(rc 0) and `failed` on a non-zero rc; `creates`/`removes` skip it, `changed_when`/`failed_when` override. " +
            "Skipped in check mode.",
        SupportsCheckMode = false,
        MutuallyExclusive = [["cmd", "argv"]],
        RequiredOneOf = [["cmd", "argv"]],
        Examples =
        [
            new ModuleExample("Initialise a database cluster once", """
                - command: pg_createcluster 15 main
                  args:
                    creates: /etc/postgresql/15/main
                """),
            new ModuleExample("Arguments as a list, output registered", """
                - command:
                    argv: [redis-cli, -p, "26379", sentinel, get-master-addr-by-name, shop]
                  register: master
                  changed_when: false
                """),
        ],
        Returns =
        [
            new ReturnSpec("cmd", "list", "The argv that ran."),
            new ReturnSpec("rc", "int", "Exit code."),
            new ReturnSpec("stdout", "string", "Standard output."),
            new ReturnSpec("stderr", "string", "Standard error."),
            new ReturnSpec("stdout_lines", "list", "stdout split into lines."),
            new ReturnSpec("stderr_lines", "list", "stderr split into lines."),
            new ReturnSpec("start", "string", "Start time, ISO 8601."),
            new ReturnSpec("end", "string", "End time, ISO 8601."),
            new ReturnSpec("delta", "string", "Duration, h:mm:ss.ffffff."),
        ],
    };

    ModuleSchema IActionModule<CommandArgs>.Schema => Schema;

    public CommandArgs Bind(ModuleArgs args)
    {
        if (args.String("cmd") is { } cmd)
        {
            var words = CommandLine.Split(cmd);
            return CommandExecution.Bind(args, words, words.Select(w => (object?)w).ToList());
        }

        var argv = args.List("argv").Select(v => v switch
        {
            string s => s,
            null or IReadOnlyList<object?> or IReadOnlyDictionary<string, object?> => throw new ArgumentException("argv: every item must be a string"),
            var other => PlainData.ToDisplayString(other),
        }).ToList();
        return CommandExecution.Bind(args, argv, argv.Select(w => (object?)w).ToList());
    }

    public IReadOnlyList<ArgError> Validate(CommandArgs args) => CommandExecution.Validate(args);

    public Task<ModuleOutcome> RunAsync(CommandArgs args, bool check, CancellationToken ct) => _execution.RunAsync(args, ct);
}
