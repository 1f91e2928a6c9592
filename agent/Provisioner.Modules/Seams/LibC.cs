// The few libc calls .NET does not expose: statx (uid/gid), lchown, kill of a process group, fsync of a directory.
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Provisioner.Modules.Seams;

internal static partial class LibC
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;

    public const int SIGKILL = 9;

    /// <summary>lstat through statx, whose layout is the same on every architecture; null when the path does not exist.</summary>
    public static unsafe FileStat? LStat(string path)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENOENT or ENOTDIR)
            {
                return null;
            }

            throw new IOException($"cannot stat {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var span = new ReadOnlySpan<byte>(buffer, 256);
        var uid = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
        var gid = BinaryPrimitives.ReadInt32LittleEndian(span[24..]);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(span[40..]);
        var mtime = BinaryPrimitives.ReadInt64LittleEndian(span[112..]);
        var mtimeNanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(span[120..]);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.File,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.Symlink,
            _ => FileKind.Other,
        };
        return new FileStat(kind, mode & 0xFFF, uid, gid, size)
        {
            LinkTarget = kind == FileKind.Symlink ? new FileInfo(path).LinkTarget : null,
            Modified = DateTimeOffset.FromUnixTimeSeconds(mtime).AddTicks(mtimeNanoseconds / 100),
        };
    }

    public static void Chmod(string path, int mode)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the agent runs on Linux only");
        }

        File.SetUnixFileMode(path, (UnixFileMode)mode);
    }

    /// <summary>A new file (it must not exist) readable and writable by its owner only, opened for writing.</summary>
    public static FileStream CreateOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the agent runs on Linux only");
        }

        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    public static void LChown(string path, int uid, int gid)
    {
        if (Lchown(path, uid, gid) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot change owner of {path} to {uid}:{gid}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
    }

    /// <summary>Sends a signal to every process of a process group; false when the group is already gone.</summary>
    public static bool KillGroup(int pgid, int signal) => Kill(-pgid, signal) == 0;

    /// <summary>Makes a rename inside the directory durable.</summary>
    public static void FsyncDirectory(string directory)
    {
        var fd = Open(directory, ORdOnly | ODirectory);
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "lchown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Lchown(string path, int uid, int gid);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
