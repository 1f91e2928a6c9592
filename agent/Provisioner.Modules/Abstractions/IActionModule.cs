using Provisioner.Core.Schema;

namespace Provisioner.Modules.Abstractions;

/// <summary>
/// A module whose effect cannot be observed beforehand (command, shell, wait_for) or that changes no host state
/// (debug, set_fact, assert, fail). It reports what it did; in check mode it runs only if its schema says so.
/// </summary>
public interface IActionModule<TArgs>
    where TArgs : class
{
    ModuleSchema Schema { get; }

    TArgs Bind(ModuleArgs args);

    IReadOnlyList<ArgError> Validate(TArgs args);

    Task<ModuleOutcome> RunAsync(TArgs args, bool check, CancellationToken ct);
}
