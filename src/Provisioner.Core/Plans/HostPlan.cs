namespace Provisioner.Core.Plans;

/// <summary>Everything one host needs to converge one play, sent in one round trip.</summary>
public sealed record HostPlan
{
    public required string Host { get; init; }

    public string Play { get; init; } = string.Empty;

    /// <summary>Play-scope variables resolved for this host by precedence; values may still hold templates.</summary>
    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    public IReadOnlyList<PlanTask> Tasks { get; init; } = [];

    public IReadOnlyList<PlanTask> Handlers { get; init; } = [];

    /// <summary>Role files and templates shipped with the plan, keyed by plan path ("roles/web/templates/site.sbn").</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Files { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();

    public bool GatherFacts { get; init; } = true;

    /// <summary>Variable names whose values are masked in every event, log line and history record.</summary>
    public IReadOnlyList<string> SecretVars { get; init; } = [];

    public bool Check { get; init; }

    public bool Diff { get; init; }
}
