// debug: prints a message or a variable to the run's output.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Flow;

internal sealed class DebugModule
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
}
