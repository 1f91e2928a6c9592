namespace Provisioner.Controller.Dispatch;

/// <summary>
/// Opens connections to hosts' agents. The controller's only way to reach a host: the mTLS gRPC client implements it
/// for real hosts, <see cref="Local.LocalAgentConnector"/> for this machine, tests with fakes.
/// </summary>
public interface IAgentConnector
{
    /// <summary>
    /// Connects to the agent of <paramref name="host"/>. Throws <see cref="HostUnreachableException"/> when the host
    /// cannot be reached (no route, refused, TLS or certificate failure, timeout): the host is reported unreachable.
    /// May return a cached connection; the dispatcher disposes each connection it got once.
    /// </summary>
    Task<IHostConnection> ConnectAsync(HostAddress host, CancellationToken ct);
}
