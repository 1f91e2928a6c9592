using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Transport;

/// <summary>
/// The host's agent could not be reached or the connection broke and could not be re-established: no route, refused,
/// timed out, TLS failure, or a certificate refused by either side. Reported as "unreachable", never as a task failure.
/// </summary>
public sealed class AgentUnreachableException : ProvisionerException
{
    public AgentUnreachableException(AgentEndpoint endpoint, string message, Exception? innerException = null)
        : base(message, innerException!)
    {
        Endpoint = endpoint;
    }

    public AgentEndpoint Endpoint { get; }

    public string Host => Endpoint.Host;
}
