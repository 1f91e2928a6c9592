namespace Provisioner.Core.Playbooks;

/// <summary>
/// <c>block</c>/<c>rescue</c>/<c>always</c>. Also the shape of a resolved <c>import_tasks</c>/<c>include_tasks</c>:
/// the file's tasks in <see cref="Block"/>, the import's keywords on the node, <see cref="ImportedFrom"/> set.
/// </summary>
public sealed record BlockSpec : TaskNode
{
    public IReadOnlyList<TaskNode> Block { get; init; } = [];

    public IReadOnlyList<TaskNode> Rescue { get; init; } = [];

    public IReadOnlyList<TaskNode> Always { get; init; } = [];

    /// <summary>Display path of the task file for an import/include; null for a block written as such.</summary>
    public string? ImportedFrom { get; init; }

    /// <summary>The keyword that brought the file in (<c>import_tasks</c> or <c>include_tasks</c>); null for a block.</summary>
    public string? ImportKeyword { get; init; }
}
