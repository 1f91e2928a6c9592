namespace Provisioner.Agent.State;

/// <summary>What STATE_DIR/handlers/pending.json holds: notifications a failed or killed run could not honour.</summary>
internal sealed record PendingHandlers
{
    public List<PendingNotification> Notifications { get; init; } = [];
}
