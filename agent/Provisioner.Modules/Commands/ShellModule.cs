// shell: the one module that runs a shell, on the author's explicit text.
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Commands;

internal sealed class ShellModule(IFileSystem fs, IProcessRunner processes) : IActionModule<CommandArgs>
{
    private readonly CommandExecution _execution = new(fs, processes);

    public static ModuleSchema Schema { get; } = new(
        "shell",
        "Run a command line through /bin/sh -c (pipes, redirections, variables); prefer `command` when no shell is needed.",
        [
            new ArgSpec("cmd", ArgType.String, "The shell command line. Also given free-form: `shell: cat /proc/loadavg > /tmp/load`.") { Required = true },
            new ArgSpec("executable", ArgType.Path, "The shell to run the command with.") { Default = "/bin/sh" },
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
        Description = "Never build the command line from untrusted variables: the text is given to the shell as is. " +
            "Reports `changed` whenever the command runs (rc 0) and `failed` on a non-zero rc; skipped in check mode.",
        SupportsCheckMode = false,
        Examples =
        [
            new ModuleExample("A pipeline", """
                - shell: set -o pipefail; pg_lsclusters | grep -q online
                  args:
                    executable: /bin/bash
                  changed_when: false
                """),
        ],
        Returns =
        [
            new ReturnSpec("cmd", "string", "The command line that ran."),
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
        var cmd = args.RequiredString("cmd");
        return CommandExecution.Bind(args, [args.RequiredString("executable"), "-c", cmd], cmd);
    }

    public IReadOnlyList<ArgError> Validate(CommandArgs args) => CommandExecution.Validate(args);

    public Task<ModuleOutcome> RunAsync(CommandArgs args, bool check, CancellationToken ct) => _execution.RunAsync(args, ct);
}
