using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Plans;

namespace Provisioner.Controller.Planning;

/// <summary>One play compiled: the hosts it targets (play pattern ∩ <c>--limit</c>, inventory order) and a plan for each.</summary>
public sealed record CompiledPlay
{
    /// <summary>Position of the play in the playbook, from 0.</summary>
    public required int Index { get; init; }

    public required string Name { get; init; }

    public required SourceLocation Location { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    /// <summary>Plans by host name, before <see cref="PlanFinisher.Finish"/> adds batch values.</summary>
    public IReadOnlyDictionary<string, HostPlan> Plans { get; init; } = new Dictionary<string, HostPlan>();

    public IReadOnlyList<BatchSize> Serial { get; init; } = [];

    public double? MaxFailPercentage { get; init; }

    public bool AnyErrorsFatal { get; init; }

    public bool GatherFacts { get; init; } = true;

    /// <summary>Some task, variable or template of the play mentions <c>hostvars</c>: plans get it (it can be large).</summary>
    public bool UsesHostVars { get; init; }

    /// <summary>Some task of the play (or a block around it) has <c>run_once</c>.</summary>
    public bool HasRunOnce { get; init; }
}
