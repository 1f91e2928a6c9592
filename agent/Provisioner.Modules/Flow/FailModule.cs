// fail: stops the host with a message.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Flow;

internal sealed class FailModule : IActionModule<FailArgs>
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

    ModuleSchema IActionModule<FailArgs>.Schema => Schema;

    public FailArgs Bind(ModuleArgs args) => new(args.String("msg")!);

    public IReadOnlyList<ArgError> Validate(FailArgs args) => [];

    public Task<ModuleOutcome> RunAsync(FailArgs args, bool check, CancellationToken ct)
    {
        var returns = PlainData.NewMap();
        returns["msg"] = args.Message;
        return Task.FromResult(new ModuleOutcome { Failed = true, Message = args.Message, Returns = returns });
    }
}
