// Append-only events.jsonl of one run: every event written through to the OS at once (so another process can
// follow it), and forced to disk at task boundaries and at the end of the run.
using System.Text;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.State;

internal sealed class EventLog : IDisposable
{
    private readonly FileStream _file;

    public EventLog(string path)
    {
        _file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Append,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
    }

    public void Append(RunEvent runEvent)
    {
        _file.Write(Encoding.UTF8.GetBytes(RunEventLines.Serialize(runEvent) + "\n"));
        _file.Flush(flushToDisk: runEvent is TaskResultEvent or RunCompletedEvent);
    }

    public void Dispose() => _file.Dispose();
}
