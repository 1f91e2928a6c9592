namespace Provisioner.Bootstrap.Ssh;

/// <summary>The host could not be reached or refused to log us in (no route, timeout, authentication).</summary>
public sealed class SshConnectionException : BootstrapException
{
    public SshConnectionException()
    {
    }

    public SshConnectionException(string message)
        : base(message)
    {
    }

    public SshConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
