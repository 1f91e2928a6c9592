using System.Net;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Core.Diagnostics;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Provisioner.Security.Enrolment;
using Provisioner.Security.Validation;
using Serilog.Core;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>
/// Enrolment over prov's CA (<c>prov ca init</c>): tokens from <see cref="EnrolmentTokens"/> (CA_DIR/enrolment.json,
/// hashed), signing with <see cref="CertificateAuthority.EnrolAgent"/>, checks with <see cref="PeerValidator"/> (the
/// same judge the controller's transport uses), revocation by host name.
/// </summary>
public sealed class CaAuthority : IAgentCertificateAuthority, IDisposable
{
    /// <summary>How long a host has to present its token: one bootstrap of one host takes seconds.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A certificate this close to its end is replaced by the next bootstrap.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private readonly CertificateAuthority _ca;
    private readonly EnrolmentTokens _tokens;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();

    public CaAuthority(CertificateAuthority ca, TimeProvider time)
    {
        _ca = ca;
        _time = time;
        _tokens = new EnrolmentTokens(ca.Layout, time);
    }

    /// <summary>Opens the CA in <paramref name="directory"/>; the error says to run <c>prov ca init</c> when there is none.</summary>
    public static CaAuthority Open(string directory, TimeProvider time) => new(CertificateAuthority.Open(new CaLayout(directory), time), time);

    public string CaCertificatePem => _ca.Certificate.ExportCertificatePem();

    public string? ReadRevocationListPem() => File.Exists(_ca.Layout.RevocationList) ? File.ReadAllText(_ca.Layout.RevocationList) : null;

    public string CreateEnrolmentToken(string host)
    {
        lock (_lock)
        {
            return Guard(() => _tokens.Create(host, TokenLifetime));
        }
    }

    public string EnrolAgent(string token, string csrPem, string host, IReadOnlyList<IPAddress> addresses)
    {
        // One CA file set, many hosts at once: the CA's own file lock refuses rather than waits, so take turns here.
        lock (_lock)
        {
            return Guard(() =>
            {
                using var certificate = _ca.EnrolAgent(token, csrPem, host, new IssueOptions { Addresses = addresses });
                return certificate.ExportCertificatePem();
            });
        }
    }

    public string? CheckAgent(X509Certificate2 certificate, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        lock (_lock)
        {
            var validator = new PeerValidator(_ca.Certificate, Guard(_ca.ReadRevocationList), _time, Logger.None);
            var verdict = validator.Validate(certificate, PeerRole.Agent, host, $"the certificate on {host}");
            if (!verdict.Accepted)
            {
                return $"the host's certificate is not acceptable ({verdict.RefusalReason})";
            }

            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            return notAfter - _time.GetUtcNow() < RenewBefore ? $"the host's certificate ends on {notAfter:u}: renewing it" : null;
        }
    }

    public int RevokeAgent(string host)
    {
        lock (_lock)
        {
            // Nothing issued for this name is not an error here: there is nothing to revoke.
            if (!Guard(_ca.List).Any(c => string.Equals(c.Name, host, StringComparison.OrdinalIgnoreCase)))
            {
                return 0;
            }

            return Guard(() => _ca.RevokeName(host).Count);
        }
    }

    public void Dispose() => _ca.Dispose();

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ProvisionerException ex) when (ex is CertificateRequestException or Security.SecurityFileException)
        {
            throw new EnrolmentException(ex.Message, ex);
        }
    }
}
