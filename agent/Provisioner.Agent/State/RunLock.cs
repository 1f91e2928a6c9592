// One run at a time per host: an exclusive flock(2) on STATE_DIR/agent.lock, released by the kernel when the holder dies.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Provisioner.Agent.State;

/// <summary>
/// The lock file is opened with open(2), not FileStream: .NET takes its own flock on files it opens (a shared one for
/// FileShare.Read*), which would collide with ours. The file holds "pid N: purpose" of the holder, for busy messages.
/// </summary>
internal sealed partial class RunLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int ErrorWouldBlock = 11;
    private const int ErrorInterrupted = 4;
    private const int OpenReadOnly = 0;
    private const int OpenReadWrite = 2;
    private const int OpenCreate = 0x40;
    private const int OpenCloseOnExec = 0x80000;

    private readonly SafeFileHandle _handle;

    private RunLock(SafeFileHandle handle)
    {
        _handle = handle;
    }

    /// <summary>
    /// Takes the lock, polling until <paramref name="wait"/> has passed; then throws <see cref="AgentBusyException"/>
    /// naming the holder. A lock file left by a dead process is free: flock locks die with their process.
    /// </summary>
    public static async Task<RunLock> AcquireAsync(string path, string purpose, TimeSpan wait, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var acquired = TryAcquire(path, purpose);
            if (acquired is not null)
            {
                return acquired;
            }

            if (time.GetElapsedTime(started) >= wait)
            {
                throw new AgentBusyException(
                    $"another run holds {path} ({ReadHolder(path)}); waited {wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s. "
                    + "Wait for it to finish (or raise the wait) and start again; the same run id is safe to repeat.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct).ConfigureAwait(false);
        }
    }

    public static RunLock? TryAcquire(string path, string purpose)
    {
        // Owner-only: the lock file says who runs what.
        var fd = Open(path, OpenReadWrite | OpenCreate | OpenCloseOnExec, Convert.ToInt32("600", 8));
        if (fd < 0)
        {
            throw new IOException($"cannot open lock file {path}: errno {Marshal.GetLastPInvokeError()}; check the state directory's permissions");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        int result;
        do
        {
            result = Flock(handle, LockExclusive | LockNonBlocking);
        }
        while (result != 0 && Marshal.GetLastPInvokeError() == ErrorInterrupted);

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            return errno == ErrorWouldBlock
                ? null
                : throw new IOException($"cannot lock {path}: flock failed with errno {errno}; put the state directory on a local file system");
        }

        var holder = Encoding.UTF8.GetBytes($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}: {purpose}\n");
        RandomAccess.SetLength(handle, 0);
        RandomAccess.Write(handle, holder, 0);
        return new RunLock(handle);
    }

    /// <summary>Closing the descriptor releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    private static string ReadHolder(string path)
    {
        var fd = Open(path, OpenReadOnly | OpenCloseOnExec, 0);
        if (fd < 0)
        {
            return "holder unknown";
        }

        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var buffer = new byte[512];
        var read = RandomAccess.Read(handle, buffer, 0);
        var text = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        return text.Length > 0 ? text : "holder unknown";
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
