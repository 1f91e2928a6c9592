using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Running;

/// <summary>Wraps modules in their runner with the type arguments inferred.</summary>
internal static class ModuleRunners
{
    public static IModuleRunner State<TArgs, TState>(IModule<TArgs, TState> module)
        where TArgs : class => new StateModuleRunner<TArgs, TState>(module);

    public static IModuleRunner Action<TArgs>(IActionModule<TArgs> module)
        where TArgs : class => new ActionModuleRunner<TArgs>(module);
}
