using Provisioner.Core.Diagnostics;

namespace Provisioner.Security.Authority;

/// <summary>A request to the CA that cannot be honoured: a bad name, CSR, serial or validity.</summary>
public sealed class CertificateRequestException : ProvisionerException
{
    public CertificateRequestException(string message)
        : base(message)
    {
    }

    public CertificateRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
