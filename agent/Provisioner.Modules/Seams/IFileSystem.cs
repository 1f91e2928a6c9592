namespace Provisioner.Modules.Seams;

/// <summary>
/// Every file access of the modules. Paths are absolute; implementations refuse paths with <c>..</c> segments and
/// paths below a symlinked directory (<see cref="Abstractions.ModuleException"/>), so a task never writes through a
/// link someone else controls. Owners are numeric here; names are resolved with <see cref="ResolveUser"/>/<see cref="ResolveGroup"/>.
/// </summary>
public interface IFileSystem
{
    /// <summary>lstat: what is at the path, or null when nothing is.</summary>
    FileStat? Stat(string path);

    Task<byte[]> ReadAsync(string path, CancellationToken ct);

    /// <summary>
    /// Opens a file for reading as a stream (for files too large to hold in memory, e.g. image archives). The default
    /// reads the whole file with <see cref="ReadAsync"/>.
    /// </summary>
    async Task<Stream> OpenReadAsync(string path, CancellationToken ct) =>
        new MemoryStream(await ReadAsync(path, ct).ConfigureAwait(false), writable: false);

    /// <summary>
    /// Replaces (or creates) a regular file atomically: temporary file in the same directory with the final mode and
    /// owner, optional validate command, fsync, rename. A failed validate throws and leaves the live file untouched.
    /// </summary>
    Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct);

    /// <summary>Creates one directory (its parent must exist) with the given permission bits.</summary>
    void CreateDirectory(string path, int mode);

    void SetMode(string path, int mode);

    /// <summary>lchown: changes the path itself, never a link's target. -1 leaves that id unchanged.</summary>
    void SetOwner(string path, int uid, int gid);

    void CreateSymlink(string path, string target);

    /// <summary>Removes a file, link or directory (with its content when <paramref name="recursive"/>). Nothing there is fine.</summary>
    void Delete(string path, bool recursive);

    /// <summary>Full paths of a directory's entries, sorted, links not followed.</summary>
    IReadOnlyList<string> List(string directory);

    /// <summary>Copies a regular file with its mode and owner (for backups).</summary>
    void CopyFile(string source, string destination);

    /// <summary>A user name or numeric id to a uid, or null when no such user exists.</summary>
    int? ResolveUser(string nameOrId);

    int? ResolveGroup(string nameOrId);

    /// <summary>The name of a uid, or null when it has none.</summary>
    string? UserName(int uid);

    string? GroupName(int gid);
}
