using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Variables;

/// <summary>The merged variables and, for each, the source whose value won.</summary>
public sealed record ResolvedVariables(IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, VarSource> Winners)
{
    /// <summary>The source that defined the winning value of <paramref name="name"/>, or null if undefined.</summary>
    public VarSource? SourceOf(string name) => Winners.GetValueOrDefault(name);

    /// <summary>Where the winning value of <paramref name="name"/> was written, when known.</summary>
    public SourceLocation? LocationOf(string name) =>
        Winners.TryGetValue(name, out var source) && source.Locations is { } locations && locations.TryGetValue(name, out var location)
            ? location
            : null;
}
