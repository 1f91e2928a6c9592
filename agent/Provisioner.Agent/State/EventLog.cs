// Append-only events.jsonl of one run. Every event is written through to the OS at once, so a killed agent loses
// nothing and another process can follow the log; each task boundary (a task result) asks a background flusher for
// fdatasync, which coalesces requests so the run does not wait a disk flush per task; the run's last event and
// closing the log flush synchronously. The flusher only ever calls fdatasync on the handle taken once at open: touching
// the FileStream from that thread (FileStream.SafeFileHandle flushes the stream's buffer and seeks) raced with the
// appends and put lines at stale offsets, overwriting earlier events.
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.State;

internal sealed partial class EventLog : IDisposable
{
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Lock _gate = new();
    private readonly Thread _flusher;
    private bool _closed;
    private IOException? _failure;

    public EventLog(string path)
    {
        _file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            BufferSize = 0,
        });
        _handle = _file.SafeFileHandle;
        _flusher = new Thread(FlushLoop) { IsBackground = true, Name = "prov-agent event log flusher" };
        _flusher.Start();
    }

    /// <summary>fdatasync calls made so far (background and synchronous), for tests and diagnostics.</summary>
    public int Syncs { get; private set; }

    public void Append(RunEvent runEvent)
    {
        if (_failure is { } failure)
        {
            throw new IOException(failure.Message, failure);
        }

        _file.Write(Encoding.UTF8.GetBytes(RunEventLines.Serialize(runEvent) + "\n"));
        _file.Flush(flushToDisk: false);
        if (runEvent is RunCompletedEvent)
        {
            Sync();
        }
        else if (runEvent is TaskResultEvent)
        {
            _requests.Release();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            SyncLocked();
            _closed = true;
        }

        _requests.Release();
        _flusher.Join();
        _file.Dispose();
        _requests.Dispose();
    }

    private void FlushLoop()
    {
        while (true)
        {
            _requests.Wait();

            // Requests that queued up while the last flush ran are all covered by the next one.
            while (_requests.CurrentCount > 0 && _requests.Wait(0))
            {
            }

            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                try
                {
                    SyncLocked();
                }
                catch (IOException ex)
                {
                    // Reported by the next Append: the run cannot keep a durable record and must stop.
                    _failure = ex;
                    return;
                }
            }
        }
    }

    private void Sync()
    {
        lock (_gate)
        {
            SyncLocked();
        }
    }

    private void SyncLocked()
    {
        if (FdataSync(_handle) != 0)
        {
            throw new IOException($"fdatasync of {_file.Name} failed with errno {Marshal.GetLastPInvokeError()}: the run's events may not be on disk");
        }

        Syncs++;
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(SafeFileHandle fd);
}
