namespace Provisioner.Bootstrap.Verification;

/// <summary>Proves that a host's agent answers over mutually authenticated gRPC.</summary>
public interface IAgentProbe
{
    /// <summary>
    /// Calls the agent's GetCapabilities through the controller's mTLS transport and returns a one-line description
    /// (version, protocol, host). Throws <see cref="BootstrapException"/> when the agent does not answer or is not who
    /// it should be.
    /// </summary>
    Task<string> ProbeAsync(BootstrapHost host, CancellationToken ct);
}
