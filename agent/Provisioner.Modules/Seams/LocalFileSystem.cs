// The real file system of the host, with the safety rules every file module relies on.
using System.Globalization;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Seams;

/// <summary>
/// <see cref="IFileSystem"/> on the local host. Refuses relative paths, <c>..</c> segments and paths below a
/// symlinked directory; writes files atomically (see <see cref="WriteAtomicAsync"/>). Validate commands run through
/// the given <see cref="IProcessRunner"/>.
/// </summary>
public sealed class LocalFileSystem(IProcessRunner processes) : IFileSystem
{
    private const int DefaultFileMode = 0b110_100_100; // 0644
    private static readonly TimeSpan ValidateTimeout = TimeSpan.FromMinutes(5);

    public FileStat? Stat(string path)
    {
        SafePath.Check(path);
        return LibC.LStat(path);
    }

    public async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        SafePath.Check(path);
        return await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
    }

    public Task<Stream> OpenReadAsync(string path, CancellationToken ct)
    {
        SafePath.Check(path);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    /// <summary>
    /// Temporary file in the destination's directory, created owner-only, then given the final owner and mode, filled,
    /// fsynced, validated, renamed over the destination and the directory fsynced. A failed validate throws
    /// <see cref="ModuleException"/> and leaves the live file untouched; the temporary file never outlives the call.
    /// </summary>
    public async Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        SafePath.Check(path);
        var directory = Path.GetDirectoryName(path)!;
        if (LibC.LStat(directory)?.Kind != FileKind.Directory)
        {
            throw new ModuleException($"cannot write {path}: directory {directory} does not exist; create it first (file: state=directory)");
        }

        var existing = LibC.LStat(path);
        if (existing is { Kind: FileKind.Directory })
        {
            throw new ModuleException($"cannot write {path}: it is a directory");
        }

        var keep = existing is { Kind: FileKind.File } ? existing : null;
        var mode = options.Mode ?? keep?.Mode ?? DefaultFileMode;
        var uid = options.Uid ?? keep?.Uid ?? -1;
        var gid = options.Gid ?? keep?.Gid ?? -1;

        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.prov-tmp");
        try
        {
            var stream = LibC.CreateOwnerOnly(temp);
            await using (stream.ConfigureAwait(false))
            {
                if (uid != -1 || gid != -1)
                {
                    LibC.LChown(temp, uid, gid);
                }

                // chmod after chown: chown clears set-id bits.
                LibC.Chmod(temp, mode);
                await stream.WriteAsync(content, ct).ConfigureAwait(false);
                await stream.FlushAsync(ct).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (options.Validate is { } validate)
            {
                await ValidateAsync(path, temp, validate, ct).ConfigureAwait(false);
            }

            File.Move(temp, path, overwrite: true);
            LibC.FsyncDirectory(directory);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    public void CreateDirectory(string path, int mode)
    {
        SafePath.Check(path);
        var parent = Path.GetDirectoryName(path);
        if (parent is not null && LibC.LStat(parent)?.Kind != FileKind.Directory)
        {
            throw new ModuleException($"cannot create directory {path}: {parent} is not a directory");
        }

        Directory.CreateDirectory(path);
        LibC.Chmod(path, mode);
    }

    public void SetMode(string path, int mode)
    {
        SafePath.Check(path);
        if (LibC.LStat(path)?.Kind == FileKind.Symlink)
        {
            throw new ModuleException($"cannot set the mode of {path}: it is a symbolic link (Linux links have no mode of their own)");
        }

        LibC.Chmod(path, mode);
    }

    public void SetOwner(string path, int uid, int gid)
    {
        SafePath.Check(path);
        LibC.LChown(path, uid, gid);
    }

    public void CreateSymlink(string path, string target)
    {
        SafePath.Check(path);
        File.CreateSymbolicLink(path, target);
    }

    public void Delete(string path, bool recursive)
    {
        SafePath.Check(path);
        switch (LibC.LStat(path)?.Kind)
        {
            case null:
                return;
            case FileKind.Directory:
                Directory.Delete(path, recursive);
                break;
            default:
                File.Delete(path);
                break;
        }
    }

    public IReadOnlyList<string> List(string directory)
    {
        SafePath.Check(directory);
        var entries = Directory.EnumerateFileSystemEntries(directory).ToList();
        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    public void CopyFile(string source, string destination)
    {
        SafePath.Check(source);
        SafePath.Check(destination);
        var stat = LibC.LStat(source) ?? throw new ModuleException($"cannot copy {source}: it does not exist");
        File.Copy(source, destination, overwrite: true);
        LibC.LChown(destination, stat.Uid, stat.Gid);
        LibC.Chmod(destination, stat.Mode);
    }

    public int? ResolveUser(string nameOrId) => Resolve("/etc/passwd", nameOrId);

    public int? ResolveGroup(string nameOrId) => Resolve("/etc/group", nameOrId);

    public string? UserName(int uid) => NameOf("/etc/passwd", uid);

    public string? GroupName(int gid) => NameOf("/etc/group", gid);

    private async Task ValidateAsync(string path, string temp, string validate, CancellationToken ct)
    {
        if (!validate.Contains("%s", StringComparison.Ordinal))
        {
            throw new ModuleException($"validate command for {path} must contain %s (the path of the file to check): {validate}");
        }

        var argv = CommandLine.Split(validate).Select(w => w.Replace("%s", temp, StringComparison.Ordinal)).ToList();
        var result = await processes.RunAsync(new ProcessRequest(argv) { Timeout = ValidateTimeout }, ct).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.TimedOut)
        {
            var why = result.TimedOut ? "timed out" : $"exited with {result.ExitCode}";
            var output = (result.Stderr.Trim() + "\n" + result.Stdout.Trim()).Trim().Replace(temp, path, StringComparison.Ordinal);
            throw new ModuleException($"validate command `{validate}` rejected the new content of {path} ({why}); the file was not changed. {output}".TrimEnd());
        }
    }

    private static int? Resolve(string database, string nameOrId)
    {
        if (int.TryParse(nameOrId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        foreach (var fields in Entries(database))
        {
            if (fields[0] == nameOrId && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var found))
            {
                return found;
            }
        }

        return null;
    }

    private static string? NameOf(string database, int id)
    {
        var text = id.ToString(CultureInfo.InvariantCulture);
        return Entries(database).FirstOrDefault(f => f[2] == text)?[0];
    }

    private static IEnumerable<string[]> Entries(string database) =>
        File.ReadLines(database).Select(l => l.Split(':')).Where(f => f.Length >= 3 && !f[0].StartsWith('#'));
}
