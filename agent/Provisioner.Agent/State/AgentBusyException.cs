using Provisioner.Core.Diagnostics;

namespace Provisioner.Agent.State;

/// <summary>Another run held the host's run lock for longer than the caller was willing to wait.</summary>
public sealed class AgentBusyException : ProvisionerException
{
    public AgentBusyException(string message)
        : base(message)
    {
    }
}
