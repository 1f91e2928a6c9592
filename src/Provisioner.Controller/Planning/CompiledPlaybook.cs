using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Planning;

/// <summary>
/// A playbook compiled for an inventory: each play with its hosts and one plan per host. Cross-host values that need
/// gathered facts (<c>hostvars</c>) and the batch (<c>ansible_play_batch</c>, <c>run_once</c>) are added per batch by
/// <see cref="PlanFinisher"/>.
/// </summary>
public sealed record CompiledPlaybook
{
    /// <summary>Display path of the playbook.</summary>
    public required string Path { get; init; }

    public required Core.Inventory.Inventory Inventory { get; init; }

    public IReadOnlyList<CompiledPlay> Plays { get; init; } = [];

    /// <summary>Where to reach each targeted host.</summary>
    public IReadOnlyDictionary<string, Dispatch.HostAddress> Addresses { get; init; } = new Dictionary<string, Dispatch.HostAddress>();

    /// <summary>Warnings from the inventory, the validator and the compiler; errors are thrown instead.</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; init; } = [];

    public bool Check { get; init; }

    public bool Diff { get; init; }

    /// <summary>Every host some play targets, in inventory order.</summary>
    public IReadOnlyList<string> TargetedHosts =>
        Plays.SelectMany(p => p.Hosts).Distinct(StringComparer.Ordinal).OrderBy(Inventory.IndexOf).ToList();
}
