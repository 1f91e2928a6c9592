using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Bootstrap.Enrolment;

namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>A small in-memory ECDSA CA implementing the enrolment contract, for tests of the enrolment protocol.</summary>
internal sealed class TestAuthority : IAgentCertificateAuthority, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly X509Certificate2 _certificate;
    private readonly List<string> _revoked = [];

    public TestAuthority(string name = "Test CA")
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }

    public List<string> Signed { get; } = [];

    public string CaCertificatePem => _certificate.ExportCertificatePem();

    public string? ReadRevocationListPem() => null;

    public string SignAgent(string csrPem, string host, IReadOnlyList<IPAddress> addresses)
    {
        var csr = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={host}"), csr.PublicKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        foreach (var address in addresses)
        {
            san.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.Create(_certificate, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(12));
        Signed.Add(host);
        return certificate.ExportCertificatePem();
    }

    public string? CheckAgent(X509Certificate2 certificate, string host)
    {
        if (certificate.GetNameInfo(X509NameType.SimpleName, false) != host)
        {
            return "issued for another host";
        }

        if (_revoked.Contains(host))
        {
            return "revoked";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) ? null : "not issued by this CA";
    }

    public int RevokeAgent(string host)
    {
        _revoked.Add(host);
        return 1;
    }

    public void Dispose()
    {
        _certificate.Dispose();
        _key.Dispose();
    }
}
