// debug: prints a message or a variable to the run's output.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Flow;

internal sealed class DebugModule : IActionModule<DebugArgs>
{
    public static ModuleSchema Schema { get; } = new(
        "debug",
        "Print a message or the value of a variable in the run's output.",
        [
            new ArgSpec("msg", ArgType.Raw, "Message (any value) to print.") { Default = "Hello world!" },
            new ArgSpec("var", ArgType.String, "Variable or expression whose value to print, without `{{ }}`."),
            new ArgSpec("verbosity", ArgType.Int, "Only print at this verbosity (`-v` count) or above.") { Default = 0L },
        ])
    {
        IsAction = true,
        MutuallyExclusive = [["msg", "var"]],
        Examples =
        [
            new ModuleExample("Show a registered result", """
                - debug:
                    var: master.stdout_lines
                """),
            new ModuleExample("Print a message", """
                - debug:
                    msg: "primary is {{ groups.db[0] }}"
                """),
        ],
        Returns =
        [
            new ReturnSpec("msg", "raw", "The message printed (with `msg`)."),
            new ReturnSpec("<var>", "raw", "The variable's value, under its own name (with `var`)."),
        ],
    };

    ModuleSchema IActionModule<DebugArgs>.Schema => Schema;

    /// <summary>A <c>var</c> is evaluated here, where the task's variables are reachable.</summary>
    public DebugArgs Bind(ModuleArgs args) => args.String("var") is { } name
        ? new DebugArgs(args.Resources.Evaluate(name), name, args.Int("verbosity") ?? 0)
        : new DebugArgs(args.Raw("msg"), null, args.Int("verbosity") ?? 0);

    public IReadOnlyList<ArgError> Validate(DebugArgs args) =>
        args.Verbosity < 0 ? [new ArgError("verbosity", "must be 0 or more")] : [];

    public Task<ModuleOutcome> RunAsync(DebugArgs args, bool check, CancellationToken ct)
    {
        var returns = PlainData.NewMap();
        returns[args.Var ?? "msg"] = args.Value;
        var text = args.Var is null ? PlainData.ToDisplayString(args.Value) : $"{args.Var}: {PlainData.ToDisplayString(args.Value)}";
        return Task.FromResult(new ModuleOutcome { Message = text, Returns = returns });
    }
}
