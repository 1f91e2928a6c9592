// Handler notifications that must survive a failed or killed run (STATE_DIR/handlers/pending.json).
using System.Text.Json;

namespace Provisioner.Agent.State;

internal sealed class PendingHandlerStore
{
    private readonly string _path;
    private readonly Lock _gate = new();

    public PendingHandlerStore(StateLayout layout)
    {
        _path = layout.PendingHandlersFile;
    }

    public IReadOnlyList<PendingNotification> Load()
    {
        lock (_gate)
        {
            return Read().Notifications;
        }
    }

    /// <summary>Records a notification at once (before the handler could run), so that a crash cannot lose it.</summary>
    public void Add(PendingNotification notification)
    {
        lock (_gate)
        {
            var current = Read();
            if (current.Notifications.Any(n => n.Topic == notification.Topic))
            {
                return;
            }

            current.Notifications.Add(notification);
            Save(current);
        }
    }

    /// <summary>Forgets topics whose handlers have run successfully.</summary>
    public void Remove(IReadOnlyCollection<string> topics)
    {
        if (topics.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            var current = Read();
            if (current.Notifications.RemoveAll(n => topics.Contains(n.Topic)) > 0)
            {
                Save(current);
            }
        }
    }

    private PendingHandlers Read()
    {
        if (!File.Exists(_path))
        {
            return new PendingHandlers();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(_path), StateJsonContext.Default.PendingHandlers) ?? new PendingHandlers();
        }
        catch (JsonException ex)
        {
            throw new IOException($"pending handler file {_path} is not valid JSON ({ex.Message}); fix or remove it (removing forgets the pending notifications)", ex);
        }
    }

    private void Save(PendingHandlers pending)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        Durable.WriteAtomically(_path, JsonSerializer.SerializeToUtf8Bytes(pending, StateJsonContext.Default.PendingHandlers));
    }
}
