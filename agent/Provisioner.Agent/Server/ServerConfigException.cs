using Provisioner.Core.Diagnostics;

namespace Provisioner.Agent.Server;

/// <summary>prov-agent serve cannot start: its configuration or credentials are missing or wrong.</summary>
public sealed class ServerConfigException : ProvisionerException
{
    public ServerConfigException(string message)
        : base(message)
    {
    }

    public ServerConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
