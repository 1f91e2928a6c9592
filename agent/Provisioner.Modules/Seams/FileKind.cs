namespace Provisioner.Modules.Seams;

/// <summary>What a path is, as lstat sees it (links are not followed).</summary>
public enum FileKind
{
    File,
    Directory,
    Symlink,
    /// <summary>Socket, FIFO or device.</summary>
    Other,
}
