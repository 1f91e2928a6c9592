namespace Provisioner.Modules.Services;

/// <summary>One init system: reads a service's state and runs the few commands the service module needs.</summary>
internal interface IServiceBackend
{
    ServiceManager Manager { get; }

    Task<ServiceState> ReadAsync(string name, CancellationToken ct);

    Task DaemonReloadAsync(CancellationToken ct);

    Task SetMaskedAsync(string name, bool masked, CancellationToken ct);

    Task SetEnabledAsync(string name, bool enabled, CancellationToken ct);

    /// <summary>start, stop, restart or reload.</summary>
    Task ControlAsync(string name, string verb, CancellationToken ct);
}
