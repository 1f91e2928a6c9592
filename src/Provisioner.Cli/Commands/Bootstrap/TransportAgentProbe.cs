using Provisioner.Bootstrap;
using Provisioner.Bootstrap.Verification;
using Provisioner.Controller.Transport;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>
/// Verifies a bootstrapped agent the way the controller will talk to it: GetCapabilities through
/// <see cref="AgentChannelFactory"/> (TLS 1.3, our controller certificate, the agent's certificate judged against our
/// CA and the inventory name), at the host's address and <c>agent_port</c>.
/// </summary>
internal sealed class TransportAgentProbe : IAgentProbe
{
    // One attempt per probe: the bootstrap retries the probe itself while the agent starts up.
    private static readonly AgentClientOptions Once = new() { Attempts = 1, CallTimeout = TimeSpan.FromSeconds(10) };

    private readonly AgentChannelFactory _factory;

    public TransportAgentProbe(AgentChannelFactory factory)
    {
        _factory = factory;
    }

    public async Task<string> ProbeAsync(BootstrapHost host, CancellationToken ct)
    {
        var endpoint = new AgentEndpoint(host.Name, host.Target.Address, host.Agent.Port);
        AgentInfo info;
        try
        {
            info = await _factory.CreateClient(endpoint, Once).GetCapabilitiesAsync(ct).ConfigureAwait(false);
        }
        catch (AgentUnreachableException ex)
        {
            throw new BootstrapException($"{host.Name}: the agent does not answer over mTLS at {endpoint}: {ex.Message}", ex);
        }
        catch (AgentRefusedException ex)
        {
            throw new BootstrapException($"{host.Name}: the agent at {endpoint} refused GetCapabilities: {ex.Message}", ex);
        }

        if (!string.Equals(info.Host, host.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new BootstrapException($"{host.Name}: the agent at {endpoint} says it is '{info.Host}'");
        }

        return $"GetCapabilities over mTLS at {endpoint.Address}:{endpoint.Port}: {info.AgentVersion}, protocol {info.ProtocolVersion}, {info.Modules.Count} modules";
    }
}
