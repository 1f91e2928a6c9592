// Running the module: render arguments, invoke under the task's timeout, apply changed_when/failed_when, retry until.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Modules.Abstractions;
using Provisioner.Templating;

namespace Provisioner.Agent.Engine;

internal sealed partial class PlayRun
{
    /// <summary>Ansible's default number of attempts for a task with <c>until</c> and no <c>retries</c>.</summary>
    private const int DefaultUntilAttempts = 3;

    /// <summary>
    /// Runs the module until <c>until</c> holds (or, with <c>retries</c> and no <c>until</c>, until it does not fail),
    /// at most retries + 1 times, waiting <c>delay</c> between attempts.
    /// </summary>
    private async Task<TaskOutcome> RunWithRetriesAsync(TaskContext context, RunScope scope, CancellationToken ct)
    {
        var task = context.Task;
        var retrying = task.Until is not null || task.Retries > 0;
        var attempts = task.Retries > 0 ? task.Retries + 1 : task.Until is not null ? DefaultUntilAttempts : 1;
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(context, scope, ct).ConfigureAwait(false);
            if (!retrying || outcome.Skipped)
            {
                return outcome;
            }

            outcome.Registered["attempts"] = (long)attempt;
            bool done;
            if (task.Until is { } until)
            {
                try
                {
                    done = _templates.EvaluateCondition(until, WithRegistered(scope, task.Register, outcome.Registered), task.Id);
                }
                catch (TemplateException ex)
                {
                    return TaskOutcome.Failure($"until `{until}`: {ex.Message}");
                }
            }
            else
            {
                done = !outcome.Failed;
            }

            if (done)
            {
                return outcome;
            }

            if (attempt >= attempts)
            {
                if (task.Until is null)
                {
                    return outcome;
                }

                var message = $"retried {attempts} times and `until: {task.Until}` never held"
                    + (outcome.Message.Length > 0 ? $"; last attempt: {outcome.Message}" : string.Empty);
                outcome.Registered["failed"] = true;
                outcome.Registered["msg"] = message;
                return outcome with { Failed = true, Message = message };
            }

            var retryText = context.NoLog
                ? NoLog.Hidden
                : $"FAILED - RETRYING: {context.Name} ({attempts - attempt} retries left)"
                    + (outcome.Message.Length > 0 ? $": {outcome.Message}" : string.Empty);
            await _events.LogAsync(task.Id, "warning", retryText, ct).ConfigureAwait(false);
            await Task.Delay(task.Delay, _time, ct).ConfigureAwait(false);
        }
    }

    private async Task<TaskOutcome> AttemptAsync(TaskContext context, RunScope scope, CancellationToken ct)
    {
        var task = context.Task;
        if (task.BecomeUser is { Length: > 0 } user && user != "root")
        {
            return TaskOutcome.Failure(
                $"become_user '{user}' is not supported by this agent yet (it runs every module as root): "
                + $"run the step as `command: runuser -u {user} -- ...`, or drop become_user");
        }

        var runner = _modules(task.Module);
        if (runner is null)
        {
            return TaskOutcome.Failure($"no module named '{task.Module}' in this agent; check the spelling or update the agent");
        }

        IReadOnlyDictionary<string, object?> args;
        try
        {
            args = _templates.RenderValue(task.Args, scope, task.Id) as IReadOnlyDictionary<string, object?> ?? PlainData.NewMap();
        }
        catch (TemplateException ex)
        {
            return TaskOutcome.Failure($"arguments: {ex.Message}");
        }

        foreach (var spec in runner.Schema.Arguments.Where(a => a.Secret))
        {
            foreach (var key in spec.Aliases.Prepend(spec.Name))
            {
                if (args.TryGetValue(key, out var secret))
                {
                    _masker.Add(secret);
                }
            }
        }

        var invoked = await InvokeAsync(runner, new ModuleArgs(runner.Schema, args, new TaskResources(_plan.Files, _templates, scope)), task, ct)
            .ConfigureAwait(false);
        if (invoked.Failure is { } failure)
        {
            return failure;
        }

        var outcome = invoked.Outcome!;
        if (outcome.SkippedInCheckMode)
        {
            return TaskOutcome.Skip(outcome.Message.Length > 0 ? outcome.Message : "skipped in check mode");
        }

        return Judge(context, scope, outcome);
    }

    private async Task<(ModuleOutcome? Outcome, TaskOutcome? Failure)> InvokeAsync(IModuleRunner runner, ModuleArgs args, Core.Plans.PlanTask task, CancellationToken ct)
    {
        using var timeout = task.Timeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var token = linked?.Token ?? ct;
        Task<ModuleOutcome>? running = null;
        try
        {
            running = runner.RunAsync(args, Check, token);
            return (await running.WaitAsync(token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !ct.IsCancellationRequested)
        {
            var seconds = task.Timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var stopped = running is null || await StoppedWithinGraceAsync(running, ct).ConfigureAwait(false);
            return (null, TaskOutcome.Failure(
                stopped
                    ? $"timed out after {seconds} s; the module was cancelled and its processes killed"
                    : $"timed out after {seconds} s; the module did not stop within {_timeoutGrace.TotalSeconds:0} s and may still be running",
                timedOut: true));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var kind = ex is ProvisionerException or IOException or UnauthorizedAccessException ? "failed" : "failed unexpectedly (a bug: please report it)";
            return (null, TaskOutcome.Failure($"module {runner.Schema.Name} {kind}: {ex.GetType().Name}: {ex.Message}"));
        }
    }

    private async Task<bool> StoppedWithinGraceAsync(Task<ModuleOutcome> running, CancellationToken ct)
    {
        try
        {
            await running.WaitAsync(_timeoutGrace, _time, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The module ended by throwing (cancellation, most likely): it stopped.
            return true;
        }
    }

    /// <summary>changed_when and failed_when override the module's verdict; both see the result under the register name.</summary>
    private TaskOutcome Judge(TaskContext context, RunScope scope, ModuleOutcome outcome)
    {
        var task = context.Task;
        var changed = outcome.Changed;
        var failed = outcome.Failed;
        var registered = RegisteredValues.From(outcome);
        var message = outcome.Message;
        if (task.ChangedWhen.Count > 0 || task.FailedWhen.Count > 0)
        {
            var judging = WithRegistered(scope, task.Register, registered);
            try
            {
                if (task.ChangedWhen.Count > 0)
                {
                    changed = task.ChangedWhen.All(c => _templates.EvaluateCondition(c, judging, task.Id));
                }

                if (task.FailedWhen.Count > 0)
                {
                    failed = task.FailedWhen.All(c => _templates.EvaluateCondition(c, judging, task.Id));
                    registered["failed_when_result"] = failed;
                    if (failed && !outcome.Failed)
                    {
                        message = $"failed_when held: {string.Join(" and ", task.FailedWhen)}";
                    }
                }
            }
            catch (TemplateException ex)
            {
                var which = task.ChangedWhen.Count > 0 ? "changed_when" : "failed_when";
                return TaskOutcome.Failure($"{which}: {ex.Message}");
            }

            registered["changed"] = changed;
            registered["failed"] = failed;
            if (message.Length > 0)
            {
                registered["msg"] = message;
            }
        }

        if (!failed)
        {
            foreach (var (name, value) in outcome.Facts)
            {
                SetHostVar(name, value);
            }
        }

        return new TaskOutcome
        {
            Changed = changed,
            Failed = failed,
            Message = message,
            Diff = outcome.Diff,
            FlushHandlers = outcome.FlushHandlers,
            Registered = registered,
        };
    }

    private static RunScope WithRegistered(RunScope scope, string? register, OrderedDictionary<string, object?> registered)
    {
        if (register is not { Length: > 0 })
        {
            return scope;
        }

        var layer = PlainData.NewMap();
        layer[register] = registered;
        return scope.With(layer);
    }
}
