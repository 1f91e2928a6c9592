// assert: fails the host when a condition does not hold.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Flow;

internal sealed class AssertModule : IActionModule<AssertArgs>
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

    ModuleSchema IActionModule<AssertArgs>.Schema => Schema;

    /// <summary>Conditions are evaluated here, where the task's variables are reachable; a value the engine already rendered is used as is.</summary>
    public AssertArgs Bind(ModuleArgs args) => new(
        args.List("that").Select(item => item is string expression
            ? (expression, PlainData.IsTruthy(args.Resources.Evaluate(expression)))
            : (PlainData.ToDisplayString(item), PlainData.IsTruthy(item))).ToList(),
        args.String("fail_msg"),
        args.String("success_msg")!,
        args.Bool("quiet"));

    public IReadOnlyList<ArgError> Validate(AssertArgs args) =>
        args.Conditions.Count == 0 ? [new ArgError("that", "needs at least one condition")] : [];

    public Task<ModuleOutcome> RunAsync(AssertArgs args, bool check, CancellationToken ct)
    {
        var returns = PlainData.NewMap();
        var failed = args.Conditions.FirstOrDefault(c => !c.Holds);
        if (failed.Condition is not null)
        {
            var message = args.FailMessage ?? $"assertion failed: {failed.Condition}";
            returns["assertion"] = failed.Condition;
            returns["evaluated_to"] = false;
            returns["msg"] = message;
            return Task.FromResult(new ModuleOutcome { Failed = true, Message = message, Returns = returns });
        }

        returns["msg"] = args.SuccessMessage;
        return Task.FromResult(new ModuleOutcome { Message = args.Quiet ? string.Empty : args.SuccessMessage, Returns = returns });
    }
}
