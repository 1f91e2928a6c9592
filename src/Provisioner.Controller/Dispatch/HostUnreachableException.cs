using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Dispatch;

/// <summary>The host's agent cannot be reached: reported as unreachable, never as a task failure.</summary>
public sealed class HostUnreachableException : ProvisionerException
{
    public HostUnreachableException(string host, string message)
        : base(message)
    {
        Host = host;
    }

    public HostUnreachableException(string host, string message, Exception innerException)
        : base(message, innerException)
    {
        Host = host;
    }

    public HostUnreachableException()
        : this(string.Empty, "host unreachable")
    {
    }

    public HostUnreachableException(string message)
        : this(string.Empty, message)
    {
    }

    public HostUnreachableException(string message, Exception innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Inventory name of the host; empty when the thrower did not know it.</summary>
    public string Host { get; }
}
