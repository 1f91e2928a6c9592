// Handlers: notified by changed tasks, run once each at the end of the play (or at a meta: flush_handlers), pending across
// runs when the play fails.
using Provisioner.Core.Plans;

namespace Provisioner.Agent.Engine;

internal sealed partial class PlayRun
{
    /// <summary>Handlers run once each, in definition order, when notified by name or listen topic; repeated until none is left.</summary>
    private async Task<bool> RunHandlersAsync(CancellationToken ct)
    {
        _runningHandlers = true;
        try
        {
            return await RunNotifiedHandlersAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _runningHandlers = false;
        }
    }

    private async Task<bool> RunNotifiedHandlersAsync(CancellationToken ct)
    {
        var ran = new HashSet<PlanTask>(ReferenceEqualityComparer.Instance);
        var honoured = new HashSet<string>(StringComparer.Ordinal);
        bool progress;
        do
        {
            progress = false;
            foreach (var handler in _plan.Handlers)
            {
                if (ran.Contains(handler) || !_notified.Any(t => Answers(handler, t)))
                {
                    continue;
                }

                ct.ThrowIfCancellationRequested();
                ran.Add(handler);
                progress = true;
                var ok = handler.IsBlock
                    ? await RunBlockAsync(handler, Inherited.None, ct).ConfigureAwait(false)
                    : await RunTaskAsync(handler, Inherited.None, handler: true, ct).ConfigureAwait(false);
                if (!ok)
                {
                    _notified.RemoveAll(honoured.Contains);
                    return false;
                }

                var done = _notified.Where(t => !honoured.Contains(t) && _plan.Handlers.Where(h => Answers(h, t)).All(ran.Contains)).ToList();
                honoured.UnionWith(done);
                if (!Check)
                {
                    _notifications.Honoured(done);
                }
            }
        }
        while (progress);

        // Honoured notifications are forgotten: a task that notifies again after a flush runs the handler again.
        _notified.RemoveAll(honoured.Contains);
        return true;
    }

    /// <summary>meta: flush_handlers. False when a handler failed, which stops the play like a failed task.</summary>
    private async Task<bool> FlushHandlersAsync(PlanTask task, CancellationToken ct)
    {
        if (_runningHandlers)
        {
            await _events.LogAsync(task.Id, "warning", "meta: flush_handlers in a handler does nothing: handlers are already running", ct)
                .ConfigureAwait(false);
            return true;
        }

        if (_notified.Count == 0)
        {
            return true;
        }

        await _events.LogAsync(task.Id, "info", $"flushing handlers for: {string.Join(", ", _notified)}", ct).ConfigureAwait(false);
        return await RunHandlersAsync(ct).ConfigureAwait(false);
    }

    private static bool Answers(PlanTask handler, string topic) => handler.Name == topic || handler.Listen.Contains(topic);

    private async Task NotifyAsync(PlanTask task, RunScope scope, CancellationToken ct)
    {
        foreach (var raw in task.Notify)
        {
            var topic = RenderName(raw, scope);
            if (!_plan.Handlers.Any(h => Answers(h, topic)))
            {
                await _events.LogAsync(task.Id, "warning", $"notify '{topic}': no handler of this play has that name or listens to it", ct)
                    .ConfigureAwait(false);
                continue;
            }

            if (!_notified.Contains(topic))
            {
                _notified.Add(topic);
            }

            if (!Check)
            {
                _notifications.Notified(topic, _runId, task.Id);
            }
        }
    }
}
