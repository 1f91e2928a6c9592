using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Running;

/// <summary>A module whose schema is known (so playbooks validate) but that this agent cannot run yet: always fails, saying so.</summary>
internal sealed class NotImplementedModuleRunner(ModuleSchema schema) : IModuleRunner
{
    public ModuleSchema Schema { get; } = schema;

    public Task<ModuleOutcome> RunAsync(ModuleArgs args, bool check, CancellationToken ct) =>
        Task.FromResult(ModuleOutcome.Fail(
            $"module `{Schema.Name}` is not implemented in this agent yet; its arguments were validated but nothing " +
            "was done on the host. Use `command`/`shell` for this step until it is."));
}
