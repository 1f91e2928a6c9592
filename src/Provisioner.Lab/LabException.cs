using Provisioner.Core.Diagnostics;

namespace Provisioner.Lab;

/// <summary>A lab step failed; the message names the step, the cause and what to do next.</summary>
public sealed class LabException : ProvisionerException
{
    public LabException()
    {
    }

    public LabException(string message)
        : base(message)
    {
    }

    public LabException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
