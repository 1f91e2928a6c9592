namespace Provisioner.Core.Diagnostics;

/// <summary>Root of the small exception hierarchy: infrastructure failures and invalid input that stop a phase.</summary>
public class ProvisionerException : Exception
{
    public ProvisionerException()
    {
    }

    public ProvisionerException(string message)
        : base(message)
    {
    }

    public ProvisionerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
