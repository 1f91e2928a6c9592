using Provisioner.Core.Diagnostics;

namespace Provisioner.Core.Playbooks;

/// <summary>
/// A loaded playbook: its plays in run order (imported playbooks already spliced in) and every role they use,
/// keyed by the name the plays and role dependencies refer to.
/// </summary>
public sealed record Playbook
{
    /// <summary>Display path of the entry file (relative to the working directory).</summary>
    public required string Path { get; init; }

    public required SourceLocation Location { get; init; }

    public IReadOnlyList<Play> Plays { get; init; } = [];

    public IReadOnlyDictionary<string, Role> Roles { get; init; } = new Dictionary<string, Role>();
}
