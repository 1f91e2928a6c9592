using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;

namespace Provisioner.Language.Inventory;

/// <summary>Variables being collected for one group, host or file; a later definition replaces an earlier one.</summary>
internal sealed class VarsDraft
{
    private readonly OrderedDictionary<string, object?> _values = PlainData.NewMap();
    private readonly Dictionary<string, SourceLocation> _locations = new(StringComparer.Ordinal);

    public bool IsEmpty => _values.Count == 0;

    public bool Contains(string name) => _values.ContainsKey(name);

    public void Set(string name, object? value, SourceLocation location)
    {
        _values[name] = value;
        _locations[name] = location;
    }

    public void SetAll(LocatedVars vars)
    {
        foreach (var (name, value) in vars.Values)
        {
            Set(name, value, vars.Locations[name]);
        }
    }

    public LocatedVars ToLocated(string? origin = null) =>
        IsEmpty
            ? LocatedVars.Empty
            : new LocatedVars(new OrderedDictionary<string, object?>(_values, StringComparer.Ordinal), new Dictionary<string, SourceLocation>(_locations, StringComparer.Ordinal))
            {
                Origin = origin,
            };
}
