namespace Provisioner.Lab;

/// <summary>What <c>prov lab down</c> removed.</summary>
public sealed record LabDownReport(string LabId, IReadOnlyList<string> Removed);
