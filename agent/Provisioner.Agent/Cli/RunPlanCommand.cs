// prov-agent run-plan: run one plan file on this host, in process, with the real modules and durable state.
using System.Runtime.InteropServices;
using Provisioner.Agent.Runs;
using Provisioner.Agent.State;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Runs;

namespace Provisioner.Agent.Cli;

internal static class RunPlanCommand
{
    public static async Task<int> RunAsync(RunPlanOptions options, TextWriter stdout, TextWriter stderr)
    {
        Core.Plans.HostPlan plan;
        try
        {
            plan = PlanFile.Read(options.PlanFile);
        }
        catch (InvalidInputException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                await stderr.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
            }

            return AgentExitCodes.InvalidInput;
        }

        plan = plan with { Check = plan.Check || options.Check, Diff = plan.Diff || options.Diff };
        var runId = options.RunId ?? Guid.NewGuid().ToString("N");
        RunCoordinator coordinator;
        try
        {
            coordinator = AgentComposition.Coordinator(options.StateDir, TimeProvider.System, options.Wait);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"prov-agent: cannot use state directory {options.StateDir}: {ex.Message}").ConfigureAwait(false);
            return AgentExitCodes.Error;
        }

        StartRunResult started;
        try
        {
            started = await coordinator.StartAsync(runId, plan, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AgentBusyException ex)
        {
            await stderr.WriteLineAsync($"prov-agent: busy: {ex.Message}").ConfigureAwait(false);
            return AgentExitCodes.Error;
        }

        foreach (var interrupted in started.Interrupted)
        {
            await stderr.WriteLineAsync($"prov-agent: earlier run {interrupted.RunId} found unfinished: {interrupted.Message}").ConfigureAwait(false);
        }

        if (started.AlreadyStarted)
        {
            await stderr.WriteLineAsync(
                $"prov-agent: run {runId} is already recorded ({Engine.StatusNames.Of(started.Status)}); showing its events, not running it again")
                .ConfigureAwait(false);
        }

        // SIGINT/SIGTERM cancel the run cleanly: the run is recorded as cancelled, not left "running".
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);

        RunStatus? status = null;
        await foreach (var e in coordinator.WatchAsync(runId, 0, CancellationToken.None).ConfigureAwait(false))
        {
            await stdout.WriteLineAsync(EventPrinter.Format(e, options.Json)).ConfigureAwait(false);
            if (e is RunCompletedEvent completed)
            {
                status = completed.Status;
            }
        }

        await stdout.FlushAsync().ConfigureAwait(false);
        return status == RunStatus.Succeeded ? AgentExitCodes.Ok : AgentExitCodes.RunFailed;

        void Cancel(PosixSignalContext context)
        {
            if (!started.AlreadyStarted)
            {
                context.Cancel = true;
                coordinator.Cancel(runId);
            }
        }
    }
}
