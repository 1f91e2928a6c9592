using Provisioner.Bootstrap.Verification;
using Provisioner.Controller.Transport;
using Provisioner.Security.Authority;
using Serilog.Core;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>GetCapabilities through the controller's real mTLS transport, with the CA's controller certificate.</summary>
internal sealed class TransportProbe : IAgentProbe, IDisposable
{
    private readonly AgentChannelFactory _factory;

    public TransportProbe(string caDirectory)
    {
        _factory = AgentChannelFactory.FromCa(new CaLayout(caDirectory), TimeProvider.System, Logger.None);
    }

    public async Task<string> ProbeAsync(BootstrapHost host, CancellationToken ct)
    {
        var endpoint = new AgentEndpoint(host.Name, host.Target.Address, host.Agent.Port);
        try
        {
            var info = await _factory.CreateClient(endpoint, new AgentClientOptions { Attempts = 1 }).GetCapabilitiesAsync(ct);
            return $"GetCapabilities: {info.AgentVersion} host {info.Host} modules {info.Modules.Count}";
        }
        catch (Exception ex) when (ex is AgentUnreachableException or AgentRefusedException)
        {
            throw new BootstrapException($"{host.Name}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _factory.Dispose();
}
