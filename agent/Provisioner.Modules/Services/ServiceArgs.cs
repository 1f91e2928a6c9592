namespace Provisioner.Modules.Services;

/// <summary>The service module's arguments; null means "not managed". <see cref="Name"/> is null for a bare daemon-reload.</summary>
internal sealed record ServiceArgs(string? Name, string? State, bool? Enabled, bool DaemonReload, bool? Masked)
{
    /// <summary>restarted and reloaded act every time they are asked for.</summary>
    public bool IsAction => State is "restarted" or "reloaded";
}
