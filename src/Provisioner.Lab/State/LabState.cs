using Provisioner.Lab.Network;

namespace Provisioner.Lab.State;

/// <summary>
/// Everything <c>prov lab up</c> created, written to <c>STATE/lab.json</c> after every step so that <c>down</c>
/// can undo a half-finished <c>up</c>.
/// </summary>
public sealed record LabState
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string LabId { get; init; }

    public required string StateDirectory { get; init; }

    public required string Subnet { get; init; }

    public required string Gateway { get; init; }

    public required string NetworkName { get; init; }

    public required string BridgeName { get; init; }

    public string? NetworkId { get; init; }

    public string? Image { get; init; }

    public DockerdRecord? Dockerd { get; init; }

    public AptCacherRecord? AptCacher { get; init; }

    public IReadOnlyList<FirewallRule> FirewallRules { get; init; } = [];

    public IReadOnlyList<LabHostRecord> Hosts { get; init; } = [];

    public DateTimeOffset UpdatedAt { get; init; }

    public LabHostRecord? Host(string name) => Hosts.FirstOrDefault(h => h.Name == name);
}
