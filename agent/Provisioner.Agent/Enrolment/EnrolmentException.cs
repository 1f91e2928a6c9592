namespace Provisioner.Agent.Enrolment;

/// <summary>Enrolment was refused or could not write its files; the message says why.</summary>
internal sealed class EnrolmentException : Exception
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
