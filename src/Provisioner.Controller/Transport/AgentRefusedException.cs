using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Transport;

/// <summary>The agent was reached and answered, but refused the request; see <see cref="Refusal"/>.</summary>
public sealed class AgentRefusedException : ProvisionerException
{
    public AgentRefusedException(AgentEndpoint endpoint, AgentRefusal refusal, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        Endpoint = endpoint;
        Refusal = refusal;
    }

    public AgentEndpoint Endpoint { get; }

    public AgentRefusal Refusal { get; }

    public string Host => Endpoint.Host;
}
