using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Dispatch;

/// <summary>The agent was reached but refused or could not do what was asked (busy with another run, plan rejected, unknown run).</summary>
public sealed class AgentRunException : ProvisionerException
{
    public AgentRunException()
    {
    }

    public AgentRunException(string message)
        : base(message)
    {
    }

    public AgentRunException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
