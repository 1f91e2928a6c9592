namespace Provisioner.Controller.Transport;

/// <summary>Connection settings shared by every agent channel.</summary>
public sealed record AgentChannelOptions
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>HTTP/2 pings on an idle connection, so a host that vanished mid-run is noticed while we wait for events.</summary>
    public TimeSpan KeepAlivePingDelay { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan KeepAlivePingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest message accepted from an agent (facts, events).</summary>
    public int MaxReceiveMessageSize { get; init; } = 64 * 1024 * 1024;

    /// <summary>Largest message sent (a plan with its files).</summary>
    public int MaxSendMessageSize { get; init; } = 256 * 1024 * 1024;
}
