namespace Provisioner.Bootstrap.Verification;

/// <summary>Stands in where this build has no mTLS transport: every probe fails, saying so.</summary>
public sealed class UnavailableAgentProbe : IAgentProbe
{
    private readonly string _reason;

    public UnavailableAgentProbe(string reason)
    {
        _reason = reason;
    }

    public Task<string> ProbeAsync(BootstrapHost host, CancellationToken ct) =>
        throw new AgentProbeUnavailableException($"{host.Name}: the agent was installed but NOT verified: {_reason}");
}
