using Provisioner.Core.Diagnostics;

namespace Provisioner.Bootstrap;

/// <summary>
/// A bootstrap step failed on one host: the message says what failed, on which host, and what to do next.
/// Subclasses tell apart failures the report treats differently (host keys, connection, enrolment).
/// </summary>
public class BootstrapException : ProvisionerException
{
    public BootstrapException()
    {
    }

    public BootstrapException(string message)
        : base(message)
    {
    }

    public BootstrapException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
