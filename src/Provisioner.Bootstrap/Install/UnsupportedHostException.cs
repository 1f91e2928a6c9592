namespace Provisioner.Bootstrap.Install;

/// <summary>The host's OS or architecture is not one the agent is built for; nothing was installed.</summary>
public sealed class UnsupportedHostException : BootstrapException
{
    public UnsupportedHostException()
    {
    }

    public UnsupportedHostException(string message)
        : base(message)
    {
    }

    public UnsupportedHostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
