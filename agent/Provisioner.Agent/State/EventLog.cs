// Append-only events.jsonl of one run. Every event is written through to the OS at once, so a killed agent loses
// nothing and another process can follow the log; each task boundary (a task result) asks a background flusher for
// fdatasync, which coalesces requests so the run does not wait a disk flush per task; the run's last event and
// closing the log flush synchronously. Writes go straight to the file handle at an offset kept here (the unbuffered
// FileStream only opens and closes it): the flusher thread only calls fdatasync on the handle, so it never races a
// write, as it did when it went through the FileStream and its buffer.
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.State;

internal sealed partial class EventLog : IDisposable
{
    private readonly FileStream _stream;
    private readonly SafeFileHandle _file;
    private readonly string _path;
    private long _offset;
    private readonly SemaphoreSlim _requests = new(0);
    private readonly Lock _gate = new();
    private readonly Lock _writeGate = new();
    private readonly Thread _flusher;
    private bool _closed;
    private IOException? _failure;

    public EventLog(string path)
    {
        _path = path;
        _stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 0,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        _file = _stream.SafeFileHandle;
        _offset = RandomAccess.GetLength(_file);
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

        var line = Encoding.UTF8.GetBytes(RunEventLines.Serialize(runEvent) + "\n");
        // Not _gate: a write must not wait for the flusher's fdatasync.
        lock (_writeGate)
        {
            RandomAccess.Write(_file, line, _offset);
            _offset += line.Length;
        }

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
        _stream.Dispose();
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
        if (FdataSync(_file) != 0)
        {
            throw new IOException($"fdatasync of {_path} failed with errno {Marshal.GetLastPInvokeError()}: the run's events may not be on disk");
        }

        Syncs++;
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int FdataSync(SafeFileHandle fd);
}
