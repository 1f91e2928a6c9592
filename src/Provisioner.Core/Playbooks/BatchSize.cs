namespace Provisioner.Core.Playbooks;

/// <summary>One <c>serial</c> step: a host count or a percentage of the play's hosts.</summary>
public sealed record BatchSize(long? Count, double? Percent)
{
    public static BatchSize OfCount(long count) => new(count, null);

    public static BatchSize OfPercent(double percent) => new(null, percent);

    /// <summary>Hosts in this batch for a play over <paramref name="total"/> hosts: at least one.</summary>
    public int Resolve(int total) =>
        (int)Math.Max(1, Math.Min(total, Count ?? (long)Math.Floor(total * (Percent ?? 100) / 100.0)));

    public override string ToString() => Count?.ToString() ?? $"{Percent}%";
}
