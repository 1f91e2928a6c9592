// Routes ASP.NET Core's and Kestrel's Microsoft.Extensions.Logging output into the agent's Serilog log.
using Microsoft.Extensions.Logging;
using Serilog.Events;
using MelLogger = Microsoft.Extensions.Logging.ILogger;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Provisioner.Agent.Server;

internal sealed class SerilogLoggerProvider : ILoggerProvider
{
    private readonly Serilog.ILogger _log;

    public SerilogLoggerProvider(Serilog.ILogger log)
    {
        _log = log;
    }

    public MelLogger CreateLogger(string categoryName) => new Bridge(_log.ForContext("SourceContext", categoryName));

    public void Dispose()
    {
    }

    private sealed class Bridge : MelLogger
    {
        private readonly Serilog.ILogger _log;

        public Bridge(Serilog.ILogger log)
        {
            _log = log;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(MelLogLevel logLevel) => logLevel != MelLogLevel.None && _log.IsEnabled(Level(logLevel));

        public void Log<TState>(MelLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                _log.Write(Level(logLevel), exception, "{Text}", formatter(state, exception));
            }
        }

        private static LogEventLevel Level(MelLogLevel level) => level switch
        {
            MelLogLevel.Trace => LogEventLevel.Verbose,
            MelLogLevel.Debug => LogEventLevel.Debug,
            MelLogLevel.Information => LogEventLevel.Information,
            MelLogLevel.Warning => LogEventLevel.Warning,
            MelLogLevel.Error => LogEventLevel.Error,
            _ => LogEventLevel.Fatal,
        };
    }
}
