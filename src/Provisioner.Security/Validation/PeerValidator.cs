// The one place a peer's certificate is judged, on the agent (client certificates) and the controller (server certificates).
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Serilog;

namespace Provisioner.Security.Validation;

/// <summary>
/// Accepts a certificate only when it chains to our CA and nothing else (custom root trust, no system roots, no
/// downloads), is within its validity at <see cref="TimeProvider"/>'s now, holds the required role, names the expected
/// host (when one is given) and is not on the CA's revocation list. Every refusal is logged with its reason.
/// </summary>
public sealed class PeerValidator
{
    private readonly X509Certificate2 _authority;
    private readonly IRevocationSource _revocations;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public PeerValidator(X509Certificate2 authority, IRevocationSource revocations, TimeProvider time, ILogger log)
    {
        _authority = authority;
        _revocations = revocations;
        _time = time;
        _log = log;
    }

    public X509Certificate2 Authority => _authority;

    /// <summary>
    /// Judges <paramref name="presented"/> (null when the peer sent none). <paramref name="expectedHost"/>, when given,
    /// must be one of its DNS or IP SANs. <paramref name="peer"/> describes the peer in the log ("10.0.0.5:51234").
    /// </summary>
    public PeerValidation Validate(X509Certificate? presented, PeerRole requiredRole, string? expectedHost, string peer)
    {
        var verdict = Judge(presented, requiredRole, expectedHost);
        if (verdict.Accepted)
        {
            _log.Debug("Accepted {Peer} as {Role} {Name} (serial {Serial})", peer, RoleMarkers.NameOf(requiredRole), verdict.Identity!.Name,
                verdict.Identity.Serial);
        }
        else
        {
            _log.Warning("Refused {Peer}: {Reason}", peer, verdict.RefusalReason);
        }

        return verdict;
    }

    private PeerValidation Judge(X509Certificate? presented, PeerRole requiredRole, string? expectedHost)
    {
        var role = RoleMarkers.NameOf(requiredRole);
        if (presented is null)
        {
            return PeerValidation.Refuse(null, $"no certificate presented (a {role} certificate from this CA is required)");
        }

        // SslStream hands over an X509Certificate2 on .NET Core; the copy covers any other caller.
        using var copy = presented as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()) : null;
        var certificate = copy ?? (X509Certificate2)presented;
        var identity = PeerIdentity.FromCertificate(certificate);
        var subject = $"certificate '{identity.Name}' (serial {identity.Serial})";

        if (ChainProblem(certificate) is { } chain)
        {
            return PeerValidation.Refuse(identity, $"{subject} {chain}");
        }

        var now = _time.GetUtcNow();
        if (now > identity.NotAfter)
        {
            return PeerValidation.Refuse(identity, $"{subject} expired on {identity.NotAfter:u}");
        }

        if (now < identity.NotBefore)
        {
            return PeerValidation.Refuse(identity, $"{subject} is not valid before {identity.NotBefore:u} (check both hosts' clocks)");
        }

        if (now > _authority.NotAfter.ToUniversalTime())
        {
            return PeerValidation.Refuse(identity, $"the CA certificate '{_authority.Subject}' expired on {_authority.NotAfter.ToUniversalTime():u}");
        }

        if (identity.Role != requiredRole)
        {
            var held = identity.Role is { } r ? $"holds the role {RoleMarkers.NameOf(r)}" : $"holds no usable role: {identity.RoleProblem}";
            return PeerValidation.Refuse(identity, $"{subject} {held}; the role {role} is required here");
        }

        if (expectedHost is not null && !identity.Names(expectedHost))
        {
            var names = identity.DnsNames.Concat(identity.IpAddresses.Select(a => a.ToString())).ToList();
            return PeerValidation.Refuse(identity,
                $"{subject} is for {(names.Count == 0 ? "no host" : string.Join(", ", names))}, not for '{expectedHost}'");
        }

        if (_revocations.Current.IsRevoked(identity.Serial, out var revokedAt))
        {
            return PeerValidation.Refuse(identity, $"{subject} was revoked on {revokedAt:u}");
        }

        return PeerValidation.Accept(identity);
    }

    private string? ChainProblem(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.Add(_authority);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        // Validity is checked against our TimeProvider, with a clearer message.
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        try
        {
            var built = chain.Build(certificate);
            var root = chain.ChainElements.Count > 0 ? chain.ChainElements[^1].Certificate : null;
            if (built && root is not null && root.RawDataMemory.Span.SequenceEqual(_authority.RawDataMemory.Span) && chain.ChainElements.Count <= 2)
            {
                return null;
            }

            if (certificate.IssuerName.RawData.AsSpan().SequenceEqual(_authority.SubjectName.RawData))
            {
                var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
                return $"names this CA as issuer but does not verify against it ({string.Join(", ", statuses)}): forged or from a replaced CA";
            }

            return $"was issued by '{certificate.Issuer}', not by this CA '{_authority.Subject}'";
        }
        finally
        {
            foreach (var element in chain.ChainElements)
            {
                if (!ReferenceEquals(element.Certificate, _authority) && !ReferenceEquals(element.Certificate, certificate))
                {
                    element.Certificate.Dispose();
                }
            }
        }
    }
}
