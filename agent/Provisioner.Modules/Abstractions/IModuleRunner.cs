using Provisioner.Core.Schema;

namespace Provisioner.Modules.Abstractions;

/// <summary>The non-generic face of any module, as the engine sees it.</summary>
public interface IModuleRunner
{
    ModuleSchema Schema { get; }

    /// <summary>Runs the module once with rendered arguments. Argument errors come back as a failed outcome.</summary>
    Task<ModuleOutcome> RunAsync(ModuleArgs args, bool check, CancellationToken ct);
}
