using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>One <c>vars_files</c> entry: the path as written, where it resolved and the variables it holds.</summary>
public sealed record VarsFile(SourceLocation Location, string Path)
{
    /// <summary>Display path of the file that was read; null when it could not be resolved.</summary>
    public string? ResolvedPath { get; init; }

    public IReadOnlyDictionary<string, object?> Vars { get; init; } = new Dictionary<string, object?>();
}
