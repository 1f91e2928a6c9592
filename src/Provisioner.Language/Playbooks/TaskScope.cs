namespace Provisioner.Language.Playbooks;

/// <summary>Where a task list is being read: the role it belongs to, the file's folder, and the chain of task files (for import cycles).</summary>
internal sealed record TaskScope(string PlaybookDirectory, string FileDirectory, IReadOnlyList<string> FileChain)
{
    public string? RoleName { get; init; }

    /// <summary>Full path of the role directory, when reading a role.</summary>
    public string? RoleDirectory { get; init; }

    public bool IsHandler { get; init; }
}
