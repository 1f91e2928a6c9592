using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Running;

/// <summary>
/// Runs an action module once: Bind → Validate → Run. In check mode it runs only when its schema supports check
/// mode; otherwise the outcome says it was skipped because its effect cannot be predicted.
/// </summary>
internal sealed class ActionModuleRunner<TArgs>(IActionModule<TArgs> module) : IModuleRunner
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

        if (check && !Schema.SupportsCheckMode)
        {
            return new ModuleOutcome
            {
                SkippedInCheckMode = true,
                Message = $"{Schema.Name} cannot predict its effect, so it does not run in check mode",
            };
        }

        try
        {
            return await module.RunAsync(typed!, check, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ModuleBinding.IsHostFailure(e))
        {
            return ModuleOutcome.Fail(e.Message);
        }
    }
}
