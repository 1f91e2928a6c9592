// Runs one host's plan: facts → tasks (when/loop/module/retries/register) → handlers → completion event.
using Provisioner.Agent.Facts;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Templating;

namespace Provisioner.Agent.Engine;

/// <summary>
/// The engine. Stateless between runs and safe to share; each <see cref="RunAsync"/> owns its variables and events.
/// It does not lock or persist: <see cref="Runs.RunCoordinator"/> does that around it.
/// </summary>
internal sealed class PlayEngine
{
    private readonly Func<string, IModuleRunner?> _modules;
    private readonly IFactGatherer _facts;
    private readonly TemplateEngine _templates;
    private readonly TimeProvider _time;

    public PlayEngine(Func<string, IModuleRunner?> modules, IFactGatherer facts, TemplateEngine templates, TimeProvider time)
    {
        _modules = modules;
        _facts = facts;
        _templates = templates;
        _time = time;
    }

    /// <summary>How long a timed-out module may take to stop (kill its process group) before the engine moves on.</summary>
    public TimeSpan TimeoutGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the plan and returns the last event (also written to <paramref name="sink"/>). Cancelling
    /// <paramref name="ct"/> stops the run at once (the current module is cancelled; always sections and handlers do
    /// not run) and completes it as cancelled.
    /// </summary>
    public Task<RunCompletedEvent> RunAsync(string runId, HostPlan plan, IRunEventSink sink, IHandlerNotifications notifications, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var run = new PlayRun(runId, plan, sink, notifications, _modules, _facts, _templates, _time, TimeoutGrace);
        return run.ExecuteAsync(ct);
    }
}
