using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>What enrolment needs from the controller's CA: its certificate and CRL, signing, checking, revoking.</summary>
public interface IAgentCertificateAuthority
{
    /// <summary>The CA certificate as PEM: the one trust anchor written on every agent.</summary>
    string CaCertificatePem { get; }

    /// <summary>The current signed CRL as PEM, or null when the CA keeps none.</summary>
    string? ReadRevocationListPem();

    /// <summary>
    /// Signs the public key of <paramref name="csrPem"/> (whose signature must verify) as an agent certificate for
    /// <paramref name="host"/>, with <paramref name="addresses"/> as extra IP SANs. Returns the certificate as PEM.
    /// </summary>
    string SignAgent(string csrPem, string host, IReadOnlyList<IPAddress> addresses);

    /// <summary>Null when <paramref name="certificate"/> is a current, unrevoked agent certificate of this CA for <paramref name="host"/>; else why not.</summary>
    string? CheckAgent(X509Certificate2 certificate, string host);

    /// <summary>Revokes every certificate issued for <paramref name="host"/>; returns how many were revoked now.</summary>
    int RevokeAgent(string host);
}
