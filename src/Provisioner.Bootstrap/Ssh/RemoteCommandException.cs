namespace Provisioner.Bootstrap.Ssh;

/// <summary>A command on the host failed, timed out, or printed something we cannot use.</summary>
public sealed class RemoteCommandException : BootstrapException
{
    public RemoteCommandException()
    {
    }

    public RemoteCommandException(string message)
        : base(message)
    {
    }

    public RemoteCommandException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
