using System.Net;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Bootstrap.Enrolment;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>A CA that, asked anything, breaks every SSH connection of <paramref name="server"/> and then fails: the host went away mid-install.</summary>
internal sealed class DroppingAuthority(SshServer server) : IAgentCertificateAuthority
{
    public string CaCertificatePem => throw Drop();

    public string? ReadRevocationListPem() => throw Drop();

    public string CreateEnrolmentToken(string host) => throw Drop();

    public string EnrolAgent(string token, string csrPem, string host, IReadOnlyList<IPAddress> addresses) => throw Drop();

    public string? CheckAgent(X509Certificate2 certificate, string host) => throw Drop();

    public int RevokeAgent(string host) => throw Drop();

    private EnrolmentException Drop()
    {
        server.DropConnections();
        return new EnrolmentException("connection dropped in this test");
    }
}
