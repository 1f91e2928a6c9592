using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>Stands in when there is no usable CA: every operation fails with the reason and what to do.</summary>
public sealed class UnavailableAuthority : IAgentCertificateAuthority
{
    private readonly string _reason;

    public UnavailableAuthority(string reason)
    {
        _reason = reason;
    }

    public string CaCertificatePem => throw Unavailable();

    public string? ReadRevocationListPem() => throw Unavailable();

    public string SignAgent(string csrPem, string host, IReadOnlyList<IPAddress> addresses) => throw Unavailable();

    public string? CheckAgent(X509Certificate2 certificate, string host) => throw Unavailable();

    public int RevokeAgent(string host) => throw Unavailable();

    private EnrolmentException Unavailable() => new($"enrolment needs the controller's CA: {_reason}");
}
