// What command and shell share: binding the common arguments, creates/removes, running, and the returned values.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Commands;

internal sealed class CommandExecution(IFileSystem fs, IProcessRunner processes)
{
    public static CommandArgs Bind(ModuleArgs args, IReadOnlyList<string> argv, object display)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in args.Map("env") ?? new Dictionary<string, object?>())
        {
            environment[name] = value switch
            {
                null => string.Empty,
                bool b => b ? "true" : "false",
                _ => PlainData.ToDisplayString(value),
            };
        }

        var stdin = args.String("stdin");
        if (stdin is not null && args.Bool("stdin_add_newline"))
        {
            stdin += "\n";
        }

        return new CommandArgs(argv, display, args.String("creates"), args.String("removes"), args.String("chdir"), environment, stdin, args.Bool("strip_empty_ends"));
    }

    public static IReadOnlyList<ArgError> Validate(CommandArgs args) =>
        args.Argv.Count == 0 || args.Argv[0].Length == 0 ? [new ArgError("cmd", "the command is empty")] : [];

    public async Task<ModuleOutcome> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (args.Creates is { } creates && fs.Stat(creates) is not null)
        {
            return Skipped(args, $"did not run: {creates} exists");
        }

        if (args.Removes is { } removes && fs.Stat(removes) is null)
        {
            return Skipped(args, $"did not run: {removes} does not exist");
        }

        var result = await processes.RunAsync(
            new ProcessRequest(args.Argv) { WorkingDirectory = args.Chdir, Environment = args.Environment, Stdin = args.Stdin },
            ct).ConfigureAwait(false);

        var stdout = args.StripEmptyEnds ? result.Stdout.TrimEnd('\r', '\n') : result.Stdout;
        var stderr = args.StripEmptyEnds ? result.Stderr.TrimEnd('\r', '\n') : result.Stderr;
        var returns = PlainData.NewMap();
        returns["cmd"] = args.Display;
        returns["rc"] = (long)result.ExitCode;
        returns["stdout"] = stdout;
        returns["stderr"] = stderr;
        returns["stdout_lines"] = Lines(stdout);
        returns["stderr_lines"] = Lines(stderr);
        returns["start"] = result.Started.ToString("O", CultureInfo.InvariantCulture);
        returns["end"] = (result.Started + result.Duration).ToString("O", CultureInfo.InvariantCulture);
        returns["delta"] = result.Duration.ToString(@"h\:mm\:ss\.ffffff", CultureInfo.InvariantCulture);

        var failed = result.ExitCode != 0;
        return new ModuleOutcome
        {
            Changed = true,
            Failed = failed,
            Message = failed ? $"non-zero return code {result.ExitCode}{Tail(stderr)}" : string.Empty,
            Returns = returns,
        };
    }

    private static ModuleOutcome Skipped(CommandArgs args, string message)
    {
        var returns = PlainData.NewMap();
        returns["cmd"] = args.Display;
        returns["rc"] = 0L;
        returns["stdout"] = message;
        returns["stderr"] = string.Empty;
        returns["stdout_lines"] = new List<object?> { message };
        returns["stderr_lines"] = new List<object?>();
        return new ModuleOutcome { Message = message, Returns = returns };
    }

    private static List<object?> Lines(string text) =>
        text.Length == 0 ? [] : text.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList();

    private static string Tail(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? string.Empty : ": " + string.Join(" | ", lines.TakeLast(3));
    }
}
