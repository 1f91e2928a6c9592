using Provisioner.Core.Data;

namespace Provisioner.Language.Variables;

/// <summary>
/// Merges variable sources by precedence: sources are ordered by <see cref="VarLayer"/> (sources of the same
/// layer keep the order given, later wins), and a variable defined again at a later source replaces the
/// earlier value entirely (Ansible's default <c>hash_behaviour = replace</c>; maps are not deep-merged).
/// Pure: no I/O, inputs are not modified, the result shares no lists or maps with them.
/// </summary>
public static class VariableResolver
{
    public static ResolvedVariables Resolve(IEnumerable<VarSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var values = PlainData.NewMap();
        var winners = new Dictionary<string, VarSource>(StringComparer.Ordinal);

        // OrderBy is stable, so sources of one layer stay in the caller's order.
        foreach (var source in sources.OrderBy(s => s.Layer))
        {
            foreach (var (name, value) in source.Values)
            {
                values[name] = PlainData.Clone(value);
                winners[name] = source;
            }
        }

        return new ResolvedVariables(values, winners);
    }

    /// <summary>Convenience for callers that only need the values.</summary>
    public static IReadOnlyDictionary<string, object?> Merge(IEnumerable<VarSource> sources) => Resolve(sources).Values;
}
