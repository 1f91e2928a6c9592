// One task: when → loop → (per item) attempts with retries → register → status → notify.
using Provisioner.Core.Data;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Templating;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Engine;

internal sealed partial class PlayRun
{
    private const int MaxLabelLength = 200;

    /// <summary>Runs one task and reports it; false when it failed (not ignored), which stops the enclosing block or play.</summary>
    private async Task<bool> RunTaskAsync(PlanTask task, Inherited inherited, bool handler, CancellationToken ct)
    {
        var vars = PlainData.NewMap();
        foreach (var (k, v) in inherited.Vars.Concat(task.Vars))
        {
            vars[k] = v;
        }

        var scope = Scope(vars, inherited.Locals);
        foreach (var secret in vars.Keys.Where(_secretNames.Contains))
        {
            AddSecret(scope, secret);
        }

        var name = RenderName(task.Name.Length > 0 ? task.Name : task.Module, scope);
        await _events.EmitAsync(new TaskStartedEvent(task.Id, name, handler) { RunId = _runId }, ct).ConfigureAwait(false);

        var started = _time.GetTimestamp();
        var context = new TaskContext(task, name, handler, inherited.NoLog || task.NoLog, inherited.IgnoreErrors || task.IgnoreErrors,
            inherited.Rescuable, [.. inherited.When, .. task.When]);
        var outcome = task.Loop is null
            ? await RunSingleAsync(context, scope, ct).ConfigureAwait(false)
            : await RunLoopAsync(context, scope, ct).ConfigureAwait(false);

        if (task.Register is { Length: > 0 } register)
        {
            SetHostVar(register, outcome.Registered);
        }

        var status = StatusOf(outcome, context.IgnoreErrors, context.Rescuable);
        var result = Result(context, outcome, status, item: null, _time.GetElapsedTime(started));
        await EmitResultAsync(context, result, ct).ConfigureAwait(false);
        if (status == TaskStatus.Changed)
        {
            await NotifyAsync(task, scope, ct).ConfigureAwait(false);
        }

        if (outcome.Failed && !context.IgnoreErrors)
        {
            _lastFailure = (task, result);
            return false;
        }

        return !outcome.FlushHandlers || outcome.Failed || await FlushHandlersAsync(task, ct).ConfigureAwait(false);
    }

    private async Task<TaskOutcome> RunSingleAsync(TaskContext context, RunScope scope, CancellationToken ct)
    {
        var (holds, falseCondition, error) = Conditions(context.When, scope);
        if (error is not null)
        {
            return TaskOutcome.Failure(error);
        }

        return holds
            ? await RunWithRetriesAsync(context, scope, ct).ConfigureAwait(false)
            : TaskOutcome.Skip("Conditional result was False", falseCondition);
    }

    private async Task<TaskOutcome> RunLoopAsync(TaskContext context, RunScope scope, CancellationToken ct)
    {
        var task = context.Task;

        // A condition that is false without the loop variable skips the whole task, so `when: x is defined` can
        // guard a loop over x. One that needs the item (undefined here) is evaluated per item below.
        if (context.When.Count > 0 && WhenWithoutItem(context.When, scope) is { } falseWithoutItem)
        {
            var skipped = TaskOutcome.Skip("Conditional result was False", falseWithoutItem);
            skipped.Registered["results"] = new List<object?>();
            return skipped;
        }

        IReadOnlyList<object?> items;
        try
        {
            items = LoopItems(task, scope);
        }
        catch (TemplateException ex)
        {
            return TaskOutcome.Failure($"loop: {ex.Message}");
        }

        if (items.Count == 0)
        {
            var skipped = TaskOutcome.Skip("No items in the list");
            skipped.Registered["results"] = new List<object?>();
            return skipped;
        }

        var outcomes = new List<TaskOutcome>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var started = _time.GetTimestamp();
            var itemScope = scope.With(LoopLocals(task, items, i));
            var label = Label(task, itemScope, items[i]);
            var (holds, falseCondition, error) = Conditions(context.When, itemScope);
            var outcome = error is not null ? TaskOutcome.Failure(error)
                : !holds ? TaskOutcome.Skip("Conditional result was False", falseCondition)
                : await RunWithRetriesAsync(context, itemScope, ct).ConfigureAwait(false);
            outcome.Registered["item"] = items[i];
            outcome.Registered["loop_var"] = task.LoopVar;
            outcomes.Add(outcome);
            var status = StatusOf(outcome, context.IgnoreErrors, context.Rescuable);
            await EmitResultAsync(context, Result(context, outcome, status, label, _time.GetElapsedTime(started)), ct).ConfigureAwait(false);
        }

        var changed = outcomes.Exists(o => o.Changed);
        var failed = outcomes.Exists(o => o.Failed);
        var allSkipped = outcomes.TrueForAll(o => o.Skipped);
        var message = failed ? "One or more items failed" : allSkipped ? "All items skipped" : "All items completed";
        return new TaskOutcome
        {
            Changed = changed,
            Failed = failed,
            Skipped = allSkipped,
            TimedOut = outcomes.Exists(o => o.TimedOut),
            Message = failed ? $"{message}: {string.Join("; ", outcomes.Where(o => o.Failed).Select(o => o.Message).Distinct())}" : message,
            Diff = outcomes.SelectMany(o => o.Diff).ToList(),
            FlushHandlers = outcomes.Exists(o => o.FlushHandlers),
            Registered = RegisteredValues.Loop(outcomes, changed, failed, allSkipped, message),
        };
    }

    private IReadOnlyList<object?> LoopItems(PlanTask task, RunScope scope)
    {
        var value = task.Loop is string text && !TemplateEngine.IsTemplate(text)
            ? _templates.Evaluate(text, scope, task.Id)
            : _templates.RenderValue(task.Loop, scope, task.Id);
        return value switch
        {
            IReadOnlyList<object?> list => list,
            null => [],
            IReadOnlyDictionary<string, object?> => throw new TemplateException(
                $"loop of task {task.Id} gave a map; loop over a list (turn a map into key/value pairs first)"),
            var other => throw new TemplateException(
                $"loop of task {task.Id} gave {PlainData.ToDisplayString(other)}, not a list"),
        };
    }

    private static OrderedDictionary<string, object?> LoopLocals(PlanTask task, IReadOnlyList<object?> items, int index)
    {
        var locals = PlainData.NewMap();
        locals[task.LoopVar] = items[index];
        if (task.IndexVar is { Length: > 0 } indexVar)
        {
            locals[indexVar] = (long)index;
        }

        var loop = PlainData.NewMap();
        loop["index"] = (long)index + 1;
        loop["index0"] = (long)index;
        loop["first"] = index == 0;
        loop["last"] = index == items.Count - 1;
        loop["length"] = (long)items.Count;
        locals["prov_loop"] = loop;
        return locals;
    }

    private string Label(PlanTask task, RunScope itemScope, object? item)
    {
        string label;
        try
        {
            label = task.LoopLabel is { Length: > 0 } template
                ? PlainData.ToDisplayString(_templates.RenderValue(template, itemScope, task.Id))
                : PlainData.ToDisplayString(item);
        }
        catch (TemplateException)
        {
            label = PlainData.ToDisplayString(item);
        }

        if (label.Length == 0)
        {
            return "''";
        }

        return label.Length > MaxLabelLength ? label[..MaxLabelLength] + "…" : label;
    }

    /// <summary>All conditions must hold; the first false one is named. An evaluation error is reported, not thrown.</summary>
    private (bool Holds, string? FalseCondition, string? Error) Conditions(IReadOnlyList<string> conditions, RunScope scope)
    {
        foreach (var condition in conditions)
        {
            try
            {
                if (!_templates.EvaluateCondition(condition, scope))
                {
                    return (false, condition, null);
                }
            }
            catch (TemplateException ex)
            {
                return (false, null, $"when `{condition}`: {ex.Message}");
            }
        }

        return (true, null, null);
    }

    /// <summary>The first condition that is false without loop variables, or null when all hold or some need the item.</summary>
    private string? WhenWithoutItem(IReadOnlyList<string> conditions, RunScope scope)
    {
        foreach (var condition in conditions)
        {
            try
            {
                if (!_templates.EvaluateCondition(condition, scope))
                {
                    return condition;
                }
            }
            catch (TemplateException)
            {
                return null;
            }
        }

        return null;
    }

    private TaskResult Result(TaskContext context, TaskOutcome outcome, TaskStatus status, string? item, TimeSpan duration)
    {
        var message = status == TaskStatus.Rescued ? $"failed, handed to rescue: {outcome.Message}" : outcome.Message;
        return new TaskResult
        {
            TaskId = context.Task.Id,
            Name = context.Name,
            Module = context.Task.Module,
            Status = status,
            Message = message,
            Diff = _plan.Diff ? outcome.Diff : outcome.Diff.Select(Summarise).ToList(),
            Result = outcome.Registered,
            Duration = duration,
            Item = item,
            Handler = context.Handler,
            TimedOut = outcome.TimedOut,
        };
    }

    /// <summary>Without --diff, multi-line values (file contents) are summarised: the entry says what changed, not the text.</summary>
    private static DiffEntry Summarise(DiffEntry entry)
    {
        static string Short(string text)
        {
            if (!text.Contains('\n', StringComparison.Ordinal))
            {
                return text;
            }

            var lines = text.Split('\n').Length - (text.EndsWith('\n') ? 1 : 0);
            return $"({lines} {(lines == 1 ? "line" : "lines")}; --diff shows them)";
        }

        return entry with { Before = Short(entry.Before), After = Short(entry.After) };
    }

    private ValueTask<RunEvent> EmitResultAsync(TaskContext context, TaskResult result, CancellationToken ct) =>
        _events.EmitAsync(new TaskResultEvent(context.NoLog ? NoLog.Censor(result) : result) { RunId = _runId }, ct);
}
