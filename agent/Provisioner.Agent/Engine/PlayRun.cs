// One execution of a plan: the run's variables, notifications and the walk over tasks, blocks and handlers.
using Provisioner.Agent.Facts;
using Provisioner.Core.Data;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Templating;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Engine;

internal sealed partial class PlayRun
{
    private readonly string _runId;
    private readonly HostPlan _plan;
    private readonly IHandlerNotifications _notifications;
    private readonly Func<string, IModuleRunner?> _modules;
    private readonly IFactGatherer _factGatherer;
    private readonly TemplateEngine _templates;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeoutGrace;
    private readonly SecretMasker _masker = new();
    private readonly EventEmitter _events;
    private readonly HashSet<string> _secretNames;

    private readonly OrderedDictionary<string, object?> _base = PlainData.NewMap();
    private readonly OrderedDictionary<string, object?> _hostVars = PlainData.NewMap();
    private readonly List<string> _notified = [];
    private bool _runningHandlers;
    private (PlanTask Task, TaskResult Result)? _lastFailure;

    public PlayRun(
        string runId,
        HostPlan plan,
        IRunEventSink sink,
        IHandlerNotifications notifications,
        Func<string, IModuleRunner?> modules,
        IFactGatherer facts,
        TemplateEngine templates,
        TimeProvider time,
        TimeSpan timeoutGrace)
    {
        _runId = runId;
        _plan = plan;
        _notifications = notifications;
        _modules = modules;
        _factGatherer = facts;
        _templates = templates;
        _time = time;
        _timeoutGrace = timeoutGrace;
        _events = new EventEmitter(runId, sink, _masker, time);
        _secretNames = new HashSet<string>(plan.SecretVars, StringComparer.Ordinal);
    }

    private bool Check => _plan.Check;

    public async Task<RunCompletedEvent> ExecuteAsync(CancellationToken ct)
    {
        var started = _time.GetTimestamp();
        RunStatus status;
        string message;
        try
        {
            await PrepareAsync(ct).ConfigureAwait(false);
            var ok = await RunTasksAsync(_plan.Tasks, Inherited.None, ct).ConfigureAwait(false);
            if (ok)
            {
                ok = await RunHandlersAsync(ct).ConfigureAwait(false);
            }
            else if (_notified.Count > 0)
            {
                await _events.LogAsync(string.Empty, "warning",
                    $"handlers not run because the play failed; still pending for the next successful run: {string.Join(", ", _notified)}",
                    ct).ConfigureAwait(false);
            }

            status = ok ? RunStatus.Succeeded : RunStatus.Failed;
            message = ok ? "ok" : FailureMessage();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
            message = "cancelled: the run was stopped on request; the host may be partly converged";
        }
        catch (FactsException ex)
        {
            status = RunStatus.Failed;
            message = ex.Message;
        }

        var completed = new RunCompletedEvent(status, _events.Counts(), message, _time.GetElapsedTime(started)) { RunId = _runId };
        return (RunCompletedEvent)await _events.EmitAsync(completed, CancellationToken.None).ConfigureAwait(false);
    }

    private string FailureMessage() => _lastFailure is { } f
        ? $"failed at task '{f.Result.Name}' ({f.Task.Id}): {f.Result.Message}"
        : "failed";

    private async Task PrepareAsync(CancellationToken ct)
    {
        IReadOnlyDictionary<string, object?> facts = PlainData.NewMap();
        if (_plan.GatherFacts)
        {
            try
            {
                facts = await _factGatherer.GatherAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
            {
                throw new FactsException($"gathering facts on {_plan.Host} failed: {ex.Message}", ex);
            }
        }

        _base["facts"] = facts;
        foreach (var (name, value) in FactVariables.TopLevel(facts))
        {
            _base[name] = value;
        }

        _base["inventory_hostname"] = _plan.Host;
        _base["inventory_hostname_short"] = _plan.Host.Split('.')[0];
        _base["prov_play_name"] = _plan.Play;
        _base["prov_run_id"] = _runId;
        _base["prov_check_mode"] = Check;
        _base["prov_diff_mode"] = _plan.Diff;

        var scope = Scope(new Dictionary<string, object?>(), new Dictionary<string, object?>());
        foreach (var name in _plan.SecretVars)
        {
            AddSecret(scope, name);
        }

        foreach (var topic in _notifications.LoadPending())
        {
            if (!_notified.Contains(topic) && _plan.Handlers.Any(h => Answers(h, topic)))
            {
                _notified.Add(topic);
                await _events.LogAsync(string.Empty, "info", $"handler '{topic}' is pending from an earlier run and will run at the end of this play", ct)
                    .ConfigureAwait(false);
            }
        }
    }

    private void AddSecret(RunScope scope, string name)
    {
        try
        {
            if (scope.TryGet(name, out var value))
            {
                _masker.Add(value);
            }
        }
        catch (TemplateException)
        {
            // A secret that cannot render is still masked as written; the task that uses it will report the error.
            foreach (var layer in new[] { _plan.ExtraVars, _plan.Vars })
            {
                if (layer.TryGetValue(name, out var raw))
                {
                    _masker.Add(raw);
                }
            }
        }
    }

    /// <summary>The variables a task sees; see <see cref="RunScope"/> for the precedence.</summary>
    private RunScope Scope(IReadOnlyDictionary<string, object?> taskVars, IReadOnlyDictionary<string, object?> locals) =>
        new(_templates,
        [
            new ScopeLayer(_base, Templated: false),
            new ScopeLayer(_plan.Vars, Templated: true),
            new ScopeLayer(taskVars, Templated: true),
            new ScopeLayer(_hostVars, Templated: false),
            new ScopeLayer(_plan.ExtraVars, Templated: true),
            new ScopeLayer(locals, Templated: false),
        ]);

    private void SetHostVar(string name, object? value)
    {
        _hostVars[name] = value;
        if (_secretNames.Contains(name))
        {
            _masker.Add(value);
        }
    }

    private async Task<bool> RunTasksAsync(IReadOnlyList<PlanTask> tasks, Inherited inherited, CancellationToken ct)
    {
        foreach (var task in tasks)
        {
            ct.ThrowIfCancellationRequested();
            var ok = task.IsBlock
                ? await RunBlockAsync(task, inherited, ct).ConfigureAwait(false)
                : await RunTaskAsync(task, inherited, handler: false, ct).ConfigureAwait(false);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>block, then rescue if the block failed (a rescued block counts as success), then always, whatever happened.</summary>
    private async Task<bool> RunBlockAsync(PlanTask block, Inherited outer, CancellationToken ct)
    {
        var vars = PlainData.NewMap();
        foreach (var (k, v) in outer.Vars.Concat(block.Vars))
        {
            vars[k] = v;
        }

        var inner = outer with
        {
            When = [.. outer.When, .. block.When],
            Vars = vars,
            NoLog = outer.NoLog || block.NoLog,
            IgnoreErrors = outer.IgnoreErrors || block.IgnoreErrors,
        };
        var ok = await RunTasksAsync(block.Block, inner with { Rescuable = outer.Rescuable || block.Rescue.Count > 0 }, ct).ConfigureAwait(false);
        if (!ok && block.Rescue.Count > 0)
        {
            var locals = PlainData.NewMap();
            foreach (var (k, v) in outer.Locals)
            {
                locals[k] = v;
            }

            if (_lastFailure is { } failure)
            {
                var failedTask = PlainData.NewMap();
                failedTask["id"] = failure.Task.Id;
                failedTask["name"] = failure.Result.Name;
                failedTask["module"] = failure.Task.Module;
                locals["prov_failed_task"] = locals["ansible_failed_task"] = failedTask;
                locals["prov_failed_result"] = locals["ansible_failed_result"] = failure.Result.Result;
            }

            ok = await RunTasksAsync(block.Rescue, inner with { Locals = locals }, ct).ConfigureAwait(false);
            if (ok)
            {
                _lastFailure = null;
            }
        }

        var alwaysOk = await RunTasksAsync(block.Always, inner, ct).ConfigureAwait(false);
        return ok && alwaysOk;
    }

    private string RenderName(string text, RunScope scope)
    {
        if (!TemplateEngine.IsTemplate(text))
        {
            return text;
        }

        try
        {
            return PlainData.ToDisplayString(_templates.RenderValue(text, scope));
        }
        catch (TemplateException)
        {
            return text;
        }
    }

    private static TaskStatus StatusOf(TaskOutcome outcome, bool ignoreErrors, bool rescuable) => outcome switch
    {
        { Skipped: true } => TaskStatus.Skipped,
        { Failed: true } when ignoreErrors => TaskStatus.Ignored,
        { Failed: true } when rescuable => TaskStatus.Rescued,
        { Failed: true } => TaskStatus.Failed,
        { Changed: true } => TaskStatus.Changed,
        _ => TaskStatus.Ok,
    };
}
