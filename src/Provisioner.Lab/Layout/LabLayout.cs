namespace Provisioner.Lab.Layout;

/// <summary>Which hosts a lab has, in address order, and their groups.</summary>
public sealed record LabLayout(IReadOnlyList<LabHostSpec> Hosts)
{
    public const string DefaultGroup = "lab";

    public IReadOnlyList<string> Groups => Hosts.Select(h => h.Group).Distinct(StringComparer.Ordinal).ToList();

    /// <summary><paramref name="count"/> hosts named host1..hostN in the group "lab".</summary>
    public static LabLayout Default(int count) =>
        new(Enumerable.Range(1, count).Select(i => new LabHostSpec($"host{i}", DefaultGroup)).ToList());

    public bool SameAs(LabLayout other) => Hosts.SequenceEqual(other.Hosts);
}
