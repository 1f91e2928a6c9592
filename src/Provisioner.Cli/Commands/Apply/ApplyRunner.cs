using Microsoft.Data.Sqlite;
using Provisioner.Controller.Dispatch;
using Provisioner.Controller.History;
using Provisioner.Controller.Planning;
using Provisioner.Controller.Reporting;
using Provisioner.Core.Diagnostics;
using Provisioner.Modules;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>
/// <c>prov apply</c> from start to end: validate and compile (any problem: every diagnostic, exit 4, no host
/// contacted), pick the connector, run with reporters (text or JSON, masked) and the history, map the outcome to
/// the exit code.
/// </summary>
internal static class ApplyRunner
{
    public static async Task<int> RunAsync(ApplyOptions options, CancellationToken ct)
    {
        var stderr = Console.Error;
        CompiledPlaybook playbook;
        try
        {
            playbook = new RunPreparer(ModuleCatalog.Schemas).Prepare(options.Request);
        }
        catch (InvalidInputException ex)
        {
            await Diagnostics.WriteAsync(stderr, ex.Diagnostics).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        foreach (var warning in playbook.Warnings)
        {
            await stderr.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        var stateDirectory = options.Connection.StateDirectory;
        using var connections = Connections.Create(options.Connection, out var error);
        if (connections is null)
        {
            await stderr.WriteLineAsync($"prov: {error}").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        using var history = OpenHistory(stateDirectory, out var historyError);
        if (historyError is not null)
        {
            await stderr.WriteLineAsync($"prov: warning: {historyError}").ConfigureAwait(false);
        }

        // Disposed (every queued event committed) before the history itself, on every way out of the run.
        await using var recorder = history is null ? null : new HistoryRecorder(history);
        using var output = OutputSetup.Create(options.Output, new TextReporterOptions { Verbosity = options.Verbosity, ShowDiff = options.Request.Diff }, live: true);
        IRunReporter[] targets = recorder is null ? [output.Reporter] : [output.Reporter, recorder];
        var reporter = new MaskingReporter(SecretValues.For(playbook), new TeeReporter(targets));

        var dispatcher = new RunDispatcher(connections.Connector, TimeProvider.System, new DispatchOptions { Forks = options.Forks });
        var summary = await dispatcher.RunAsync(playbook, reporter, ct).ConfigureAwait(false);
        foreach (var warning in dispatcher.Warnings.Where(_ => options.Verbosity > 0))
        {
            await stderr.WriteLineAsync(warning.ToString()).ConfigureAwait(false);
        }

        if (recorder is not null)
        {
            await recorder.CompleteAsync().ConfigureAwait(false);
            if (recorder.Error is { } recordError)
            {
                await stderr.WriteLineAsync($"prov: warning: {recordError}").ConfigureAwait(false);
            }
        }

        return summary.Outcome switch
        {
            RunOutcome.Ok => ExitCodes.Ok,
            RunOutcome.Failed => ExitCodes.TaskFailed,
            RunOutcome.Unreachable => ExitCodes.HostUnreachable,
            _ => ExitCodes.Error,
        };
    }

    private static HistoryStore? OpenHistory(string stateDirectory, out string? error)
    {
        try
        {
            error = null;
            return HistoryStore.Open(stateDirectory);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            error = $"the run history in {stateDirectory} cannot be opened ({ex.Message}); this run is not recorded";
            return null;
        }
    }
}
