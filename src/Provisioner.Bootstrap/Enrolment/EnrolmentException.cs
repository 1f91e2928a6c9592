namespace Provisioner.Bootstrap.Enrolment;

/// <summary>Enrolment was refused (token, CSR, certificate) or failed on the host; nothing was signed or installed.</summary>
public sealed class EnrolmentException : BootstrapException
{
    public EnrolmentException()
    {
    }

    public EnrolmentException(string message)
        : base(message)
    {
    }

    public EnrolmentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
