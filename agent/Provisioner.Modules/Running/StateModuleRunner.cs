using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Running;

/// <summary>
/// The engine loop for one invocation of a state module: Bind → Validate → Get → Compare; an empty diff is ok; in
/// check mode a diff is "changed" and Apply is never called; otherwise Apply, Get and Compare again: a remaining
/// difference fails ("did not converge"), else the outcome is "changed" with the diff. The module never decides.
/// One-shot requests (<see cref="IOneShotRequests{TArgs}"/>) are left out of that second Compare.
/// </summary>
internal sealed class StateModuleRunner<TArgs, TState>(IModule<TArgs, TState> module) : IModuleRunner
    where TArgs : class
{
    public ModuleSchema Schema => module.Schema;

    public async Task<ModuleOutcome> RunAsync(ModuleArgs args, bool check, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (typed, failure) = ModuleBinding.Bind(Schema, args, module.Bind, module.Validate);
        if (failure is not null)
        {
            return failure;
        }

        try
        {
            var actual = await module.GetAsync(typed!, ct).ConfigureAwait(false);
            var diff = module.Compare(typed!, actual);
            if (diff.Count == 0)
            {
                return new ModuleOutcome { Returns = module.Returns(typed!, actual) };
            }

            if (check)
            {
                return new ModuleOutcome { Changed = true, Diff = diff, Returns = module.Returns(typed!, actual) };
            }

            await module.ApplyAsync(typed!, actual, diff, ct).ConfigureAwait(false);
            var after = await module.GetAsync(typed!, ct).ConfigureAwait(false);
            var settled = module is IOneShotRequests<TArgs> oneShot ? oneShot.Settled(typed!) : typed!;
            var remaining = module.Compare(settled, after);
            if (remaining.Count > 0)
            {
                return new ModuleOutcome
                {
                    Failed = true,
                    Diff = diff,
                    Message = $"{Schema.Name} did not converge: after applying, {Describe(remaining)}",
                    Returns = module.Returns(typed!, after),
                };
            }

            return new ModuleOutcome { Changed = true, Diff = diff, Returns = module.Returns(typed!, after) };
        }
        catch (Exception e) when (ModuleBinding.IsHostFailure(e))
        {
            return ModuleOutcome.Fail(e.Message);
        }
    }

    private static string Describe(IReadOnlyList<DiffEntry> remaining) => string.Join("; ", remaining.Select(d =>
        d.Before.Contains('\n', StringComparison.Ordinal) || d.After.Contains('\n', StringComparison.Ordinal)
            ? $"{d.Property} still differs"
            : $"{d.Property} is '{d.Before}', wanted '{d.After}'"));
}
