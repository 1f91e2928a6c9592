namespace Provisioner.Agent.Engine;

/// <summary>One layer of a <see cref="RunScope"/>: its values, and whether strings holding <c>{{ }}</c> are rendered on lookup.</summary>
internal sealed record ScopeLayer(IReadOnlyDictionary<string, object?> Values, bool Templated);
