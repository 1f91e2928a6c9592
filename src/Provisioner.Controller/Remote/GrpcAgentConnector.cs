using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Transport;
using Provisioner.Security.Authority;
using Serilog;

namespace Provisioner.Controller.Remote;

/// <summary>
/// <c>--connection agent</c>: each host's prov-agent over mutually authenticated gRPC, through the transport's
/// <see cref="AgentChannelFactory"/> (one channel per host, TLS 1.3, the controller certificate of the CA, the agent's
/// certificate checked against the CA and the inventory name). Owns the factory.
/// </summary>
public sealed class GrpcAgentConnector : IAgentConnector, IDisposable
{
    private readonly AgentChannelFactory _factory;
    private readonly AgentClientOptions? _options;

    public GrpcAgentConnector(AgentChannelFactory factory, AgentClientOptions? options = null)
    {
        _factory = factory;
        _options = options;
    }

    /// <summary>The connector for the CA in <paramref name="layout"/>; throws <see cref="Security.SecurityFileException"/> when its files are missing or unusable.</summary>
    public static GrpcAgentConnector FromCa(CaLayout layout, TimeProvider time, ILogger log, AgentClientOptions? options = null) =>
        new(AgentChannelFactory.FromCa(layout, time, log), options);

    /// <summary>Creates the host's client; nothing is contacted until the first call, whose failure says whether the host is unreachable.</summary>
    public Task<IHostConnection> ConnectAsync(HostAddress host, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(host);
        var endpoint = new AgentEndpoint(host.Name, host.Address, host.Port ?? AgentEndpoint.DefaultPort);
        IHostConnection connection = new GrpcHostConnection(_factory.CreateClient(endpoint, _options));
        return Task.FromResult(connection);
    }

    public void Dispose() => _factory.Dispose();
}
