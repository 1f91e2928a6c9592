namespace Provisioner.Bootstrap.Verification;

/// <summary>This build cannot verify agents at all (no mTLS transport); retrying would not help.</summary>
public sealed class AgentProbeUnavailableException : BootstrapException
{
    public AgentProbeUnavailableException()
    {
    }

    public AgentProbeUnavailableException(string message)
        : base(message)
    {
    }

    public AgentProbeUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
