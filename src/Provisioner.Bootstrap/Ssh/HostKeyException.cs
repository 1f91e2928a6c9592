namespace Provisioner.Bootstrap.Ssh;

/// <summary>The host's SSH key is not the one known_hosts holds for it (or is not known and may not be trusted).</summary>
public sealed class HostKeyException : BootstrapException
{
    public HostKeyException()
    {
    }

    public HostKeyException(string message)
        : base(message)
    {
    }

    public HostKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
