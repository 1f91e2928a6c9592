// One run at a time per host: an exclusive flock(2) on STATE_DIR/agent.lock, released by the kernel when the holder dies.
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Provisioner.Agent.State;

internal sealed partial class RunLock : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int LockUnlock = 8;
    private const int ErrorWouldBlock = 11;
    private const int ErrorInterrupted = 4;

    private readonly FileStream _file;

    private RunLock(FileStream file)
    {
        _file = file;
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
                    $"another run holds {path} ({ReadHolder(path)}); waited {wait.TotalSeconds:0.#} s. "
                    + "Wait for it to finish (or raise the wait) and start again; the same run id is safe to repeat.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), time, ct).ConfigureAwait(false);
        }
    }

    public static RunLock? TryAcquire(string path, string purpose)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        try
        {
            int result;
            do
            {
                result = Flock(file.SafeFileHandle, LockExclusive | LockNonBlocking);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == ErrorInterrupted);

            if (result != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                file.Dispose();
                return errno == ErrorWouldBlock
                    ? null
                    : throw new IOException($"cannot lock {path}: flock failed with errno {errno}; check that the state directory is on a local file system");
            }

            // Who holds it, for the "busy" message of whoever waits.
            file.SetLength(0);
            file.Write(Encoding.UTF8.GetBytes($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}: {purpose}\n"));
            file.Flush();
            return new RunLock(file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _ = Flock(_file.SafeFileHandle, LockUnlock);
        _file.Dispose();
    }

    private static string ReadHolder(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadLine()?.Trim() is { Length: > 0 } line ? line : "holder unknown";
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
