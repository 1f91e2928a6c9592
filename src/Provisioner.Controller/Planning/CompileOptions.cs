namespace Provisioner.Controller.Planning;

/// <summary>What <c>prov apply</c> adds to a playbook and an inventory when compiling plans.</summary>
public sealed record CompileOptions
{
    /// <summary><c>-e</c> values; they travel separately in <see cref="Core.Plans.HostPlan.ExtraVars"/> and always win.</summary>
    public IReadOnlyDictionary<string, object?> ExtraVars { get; init; } = new Dictionary<string, object?>();

    /// <summary>Names of extra vars read from a vars file whose name marks it secret (see <see cref="SecretNames"/>).</summary>
    public IReadOnlyCollection<string> SecretExtraVars { get; init; } = [];

    /// <summary><c>--limit</c>: a host pattern intersected with every play's <c>hosts</c>.</summary>
    public string? Limit { get; init; }

    /// <summary><c>--tags</c>; empty means every task except those tagged <c>never</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary><c>--skip-tags</c>.</summary>
    public IReadOnlyList<string> SkipTags { get; init; } = [];

    public bool Check { get; init; }

    public bool Diff { get; init; }
}
