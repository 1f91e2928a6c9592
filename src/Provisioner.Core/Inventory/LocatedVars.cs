using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Inventory;

/// <summary>
/// Variables read from one place (an inventory section, a group_vars or host_vars file or folder),
/// each with the position where it was written, so that later errors can point at it.
/// </summary>
public sealed record LocatedVars(IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, SourceLocation> Locations)
{
    public static LocatedVars Empty { get; } = new(
        new Dictionary<string, object?>(StringComparer.Ordinal),
        new Dictionary<string, SourceLocation>(StringComparer.Ordinal));

    /// <summary>Short description of where these variables come from, for messages ("group_vars/web.yml").</summary>
    public string? Origin { get; init; }

    public bool IsEmpty => Values.Count == 0;

    public SourceLocation? LocationOf(string name) => Locations.TryGetValue(name, out var location) ? location : null;
}
