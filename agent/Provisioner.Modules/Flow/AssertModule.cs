// assert: fails the host when a condition does not hold.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Flow;

internal sealed class AssertModule
{
    public static ModuleSchema Schema { get; } = new(
        "assert",
        "Check that conditions hold on this host; fail with a message when one does not.",
        [
            new ArgSpec("that", ArgType.List, "Conditions (expressions without `{{ }}`, like `when`); all must be true.") { Required = true, Elements = ArgType.String },
            new ArgSpec("fail_msg", ArgType.String, "Message when a condition is false.") { Aliases = ["msg"] },
            new ArgSpec("success_msg", ArgType.String, "Message when all conditions hold.") { Default = "All assertions passed" },
            new ArgSpec("quiet", ArgType.Bool, "Print less on success.") { Default = false },
        ])
    {
        IsAction = true,
        Examples =
        [
            new ModuleExample("Guard a destructive role", """
                - assert:
                    that:
                      - groups.db | array.size >= 2
                      - pg_version == 15
                    fail_msg: the database role needs two hosts and PostgreSQL 15
                """),
        ],
        Returns =
        [
            new ReturnSpec("assertion", "string", "The first condition that was false."),
            new ReturnSpec("evaluated_to", "bool", "Its value."),
            new ReturnSpec("msg", "string", "fail_msg or success_msg."),
        ],
    };
}
