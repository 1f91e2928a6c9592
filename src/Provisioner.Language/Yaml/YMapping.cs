using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Yaml;

/// <summary>A mapping with its keys in source order; keys are scalars (the loader rejects others).</summary>
public sealed record YMapping(SourceLocation Location, IReadOnlyList<KeyValuePair<YScalar, YNode>> Entries) : YNode(Location)
{
    public override string KindName => "a mapping";

    public YNode? this[string key] => Entries.FirstOrDefault(e => e.Key.Text == key).Value;

    public bool ContainsKey(string key) => Entries.Any(e => e.Key.Text == key);

    public YScalar? KeyNode(string key) => Entries.FirstOrDefault(e => e.Key.Text == key).Key;
}
