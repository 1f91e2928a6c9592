using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>What enrolment needs from the controller's CA (<see cref="CaAuthority"/> over prov's CA).</summary>
public interface IAgentCertificateAuthority
{
    /// <summary>The CA certificate as PEM: the one trust anchor written on every agent.</summary>
    string CaCertificatePem { get; }

    /// <summary>The current signed CRL as PEM, or null when the CA keeps none.</summary>
    string? ReadRevocationListPem();

    /// <summary>A new one-time enrolment token bound to <paramref name="host"/>, valid for minutes.</summary>
    string CreateEnrolmentToken(string host);

    /// <summary>
    /// Spends <paramref name="token"/> (it must be known, unused, unexpired and bound to <paramref name="host"/>), then
    /// signs the public key of <paramref name="csrPem"/> (whose signature must verify) as the agent certificate of
    /// <paramref name="host"/>, with <paramref name="addresses"/> as IP SANs. Returns the certificate as PEM. A refusal
    /// is an <see cref="EnrolmentException"/> saying why.
    /// </summary>
    string EnrolAgent(string token, string csrPem, string host, IReadOnlyList<IPAddress> addresses);

    /// <summary>Null when <paramref name="certificate"/> is a current, unrevoked agent certificate of this CA for <paramref name="host"/>; else why not.</summary>
    string? CheckAgent(X509Certificate2 certificate, string host);

    /// <summary>Revokes every certificate issued for <paramref name="host"/>; returns how many were revoked now.</summary>
    int RevokeAgent(string host);
}
