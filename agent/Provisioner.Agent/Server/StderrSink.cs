// The agent logs one line per event to stderr (journald adds time and unit); no console colours or themes.
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Provisioner.Agent.Server;

internal sealed class StderrSink : ILogEventSink
{
    private readonly MessageTemplateTextFormatter _formatter =
        new("{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {Message:lj}{NewLine}{Exception}");

    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public StderrSink(TextWriter output)
    {
        _output = output;
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _formatter.Format(logEvent, _output);
            _output.Flush();
        }
    }
}
