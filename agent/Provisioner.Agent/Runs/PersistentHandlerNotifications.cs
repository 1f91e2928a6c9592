using Provisioner.Agent.Engine;
using Provisioner.Agent.State;

namespace Provisioner.Agent.Runs;

/// <summary>Handler notifications kept in STATE_DIR/handlers/pending.json.</summary>
internal sealed class PersistentHandlerNotifications : IHandlerNotifications
{
    private readonly PendingHandlerStore _store;
    private readonly TimeProvider _time;

    public PersistentHandlerNotifications(PendingHandlerStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    public IReadOnlyList<string> LoadPending() => _store.Load().Select(n => n.Topic).ToList();

    public void Notified(string topic, string runId, string taskId) =>
        _store.Add(new PendingNotification(topic, runId, taskId, _time.GetUtcNow()));

    public void Honoured(IReadOnlyCollection<string> topics) => _store.Remove(topics);
}
