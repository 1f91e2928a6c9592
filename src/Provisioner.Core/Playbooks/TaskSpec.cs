using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>One module call with its keywords. Arguments are unrendered plain data; templates are evaluated per host later.</summary>
public sealed record TaskSpec : TaskNode
{
    /// <summary>Canonical module name (an accepted FQCN such as <c>ansible.builtin.apt</c> is mapped to <c>apt</c>).</summary>
    public required string Module { get; init; }

    /// <summary>The module key as written.</summary>
    public string ModuleKey { get; init; } = string.Empty;

    public required SourceLocation ModuleLocation { get; init; }

    /// <summary>Arguments from the mapping, <c>key=value</c> or free-form text, merged with <c>args:</c>.</summary>
    public IReadOnlyDictionary<string, object?> Args { get; init; } = new Dictionary<string, object?>();

    /// <summary>Where each argument was written (its key, or its token in <c>key=value</c> form).</summary>
    public IReadOnlyDictionary<string, SourceLocation> ArgLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary><c>loop</c>/<c>with_items</c>: a list, or a string expression yielding one; null when the task does not loop.</summary>
    public object? Loop { get; init; }

    public LoopControl? LoopControl { get; init; }

    public string? Register { get; init; }

    public IReadOnlyList<string> Notify { get; init; } = [];

    /// <summary>Handler topics this handler also answers to.</summary>
    public IReadOnlyList<string> Listen { get; init; } = [];

    public IReadOnlyList<string> ChangedWhen { get; init; } = [];

    public IReadOnlyList<string> FailedWhen { get; init; } = [];

    public int? TimeoutSeconds { get; init; }

    public int? Retries { get; init; }

    public string? Until { get; init; }

    public double? DelaySeconds { get; init; }

    public bool IsHandler { get; init; }
}
