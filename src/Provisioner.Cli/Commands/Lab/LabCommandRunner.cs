using Provisioner.Core.Diagnostics;
using Provisioner.Lab;
using Serilog;
using Serilog.Events;

namespace Provisioner.Cli.Commands.Lab;

/// <summary>Runs one lab command with a stderr logger and turns failures into messages and exit codes.</summary>
internal static class LabCommandRunner
{
    public static async Task<int> RunAsync(string command, bool verbose, Func<LabService, Task<int>> action)
    {
        using var log = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Information)
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss}] {Message:lj}{NewLine}", standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        try
        {
            return await action(new LabService(log, TimeProvider.System)).ConfigureAwait(false);
        }
        catch (InvalidInputException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                await Console.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return ExitCodes.InvalidInput;
        }
        catch (LabException ex)
        {
            await Console.Error.WriteLineAsync($"prov lab {command}: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"prov lab {command}: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}
