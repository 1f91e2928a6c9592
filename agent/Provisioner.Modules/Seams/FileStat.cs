namespace Provisioner.Modules.Seams;

/// <summary>What lstat reports about a path. <see cref="Mode"/> holds the permission bits only (07777).</summary>
public sealed record FileStat(FileKind Kind, int Mode, int Uid, int Gid, long Size)
{
    /// <summary>For symlinks: the target as stored in the link.</summary>
    public string? LinkTarget { get; init; }

    public DateTimeOffset Modified { get; init; }
}
