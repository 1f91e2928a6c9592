namespace Provisioner.Modules.Seams;

/// <summary>How an atomic write creates the new file: final mode and owner from the start, and an optional check.</summary>
public sealed record FileWriteOptions
{
    /// <summary>Permission bits of the new file; null keeps the existing file's, or 0644 for a new one.</summary>
    public int? Mode { get; init; }

    /// <summary>Owner of the new file; null keeps the existing file's, or the agent's for a new one.</summary>
    public int? Uid { get; init; }

    public int? Gid { get; init; }

    /// <summary>Command run on the temporary file before it replaces the live one; <c>%s</c> is its path. Split into words, never run by a shell.</summary>
    public string? Validate { get; init; }
}
