using Serilog.Events;

namespace Provisioner.Agent.Server;

internal static class LogLevels
{
    public static LogEventLevel? Parse(string name) => name.ToLowerInvariant() switch
    {
        "verbose" or "trace" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" or "warn" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        _ => null,
    };
}
