using Provisioner.Core.Runs;
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Abstractions;

/// <summary>
/// A module that converges observable state. The engine drives it: Validate → Get → Compare; an empty diff is ok;
/// in check mode a diff is "changed" and Apply is never called; otherwise Apply, then Get + Compare again, and a
/// remaining diff is "did not converge". No module decides "changed" by itself.
/// </summary>
public interface IModule<TArgs, TState>
    where TArgs : class
{
    ModuleSchema Schema { get; }

    /// <summary>Typed arguments from rendered, schema-checked values; may read plan files through <see cref="ModuleArgs.Resources"/>.</summary>
    TArgs Bind(ModuleArgs args);

    /// <summary>Pure; every error at once.</summary>
    IReadOnlyList<ArgError> Validate(TArgs args);

    /// <summary>Reads the system, changes nothing.</summary>
    Task<TState> GetAsync(TArgs args, CancellationToken ct);

    /// <summary>Pure; an empty diff means converged.</summary>
    IReadOnlyList<DiffEntry> Compare(TArgs args, TState actual);

    Task ApplyAsync(TArgs args, TState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct);

    /// <summary>Values returned to <c>register</c> besides changed/failed/diff (e.g. the file's final mode).</summary>
    IReadOnlyDictionary<string, object?> Returns(TArgs args, TState state);
}
