// fail: stops the host with a message.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Flow;

internal sealed class FailModule
{
    public static ModuleSchema Schema { get; } = new(
        "fail",
        "Fail the task (and so the host) with a message; usually with `when`.",
        [
            new ArgSpec("msg", ArgType.String, "The failure message.") { Default = "Failed as requested from task" },
        ])
    {
        IsAction = true,
        Examples =
        [
            new ModuleExample("Refuse an unsupported release", """
                - fail:
                    msg: "Debian {{ facts.distribution_major_version }} is not supported; use Debian 12"
                  when: facts.distribution_major_version != "12"
                """),
        ],
        Returns =
        [
            new ReturnSpec("msg", "string", "The message."),
        ],
    };
}
