// The controller's private CA: creates itself, signs controller and agent certificates, revokes them.
using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;

namespace Provisioner.Security.Authority;

/// <summary>
/// An ECDSA P-256 CA kept in a <see cref="CaLayout"/> directory. The CA decides every certificate's subject,
/// SANs, role and validity itself: a CSR contributes only its public key.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    public static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    private CertificateAuthority(CaLayout layout, X509Certificate2 certificate, ECDsa key, TimeProvider time)
    {
        Layout = layout;
        Certificate = certificate;
        _key = key;
        _time = time;
    }

    public CaLayout Layout { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// Creates a new CA in <paramref name="layout"/> and the controller's client certificate named
    /// <paramref name="controllerName"/>. Refuses when any of the CA's files exists already.
    /// </summary>
    public static CertificateAuthority Init(CaLayout layout, string controllerName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(time);
        CheckName(controllerName, "controller name");
        foreach (var path in new[] { layout.CaKey, layout.CaCertificate, layout.ControllerKey, layout.ControllerCertificate, layout.RevocationList })
        {
            if (File.Exists(path))
            {
                throw new SecurityFileException(path,
                    "a CA already exists in this directory; refusing to overwrite it (agents trust it). Use another --dir, or move the directory away first");
            }
        }

        CredentialFiles.EnsurePrivateDirectory(layout.Directory);
        CredentialFiles.EnsurePrivateDirectory(layout.IssuedDirectory);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = time.GetUtcNow();
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName($"Provisioner CA {Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}");
        subject.AddOrganizationName("Provisioner");
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), now - ClockSkew, now + CaLifetime,
            SerialNumbers.NewSerial());

        CredentialFiles.WriteKey(layout.CaKey, key);
        CredentialFiles.WriteCertificate(layout.CaCertificate, certificate);
        var authority = new CertificateAuthority(layout, certificate, key, time);
        authority.WriteRevocationList(new CertificateRevocationListBuilder(), BigInteger.One);
        using var controller = authority.IssueController(controllerName);
        controller.Save(layout.ControllerCertificate, layout.ControllerKey);
        return authority;
    }

    /// <summary>Opens the CA in <paramref name="layout"/>; explains what to run when there is none.</summary>
    public static CertificateAuthority Open(CaLayout layout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!File.Exists(layout.CaCertificate) || !File.Exists(layout.CaKey))
        {
            throw new SecurityFileException(layout.Directory, "no CA here (ca.crt and ca.key missing); create one with: prov ca init --dir " + layout.Directory);
        }

        var certificate = CredentialFiles.LoadCertificate(layout.CaCertificate);
        var key = CredentialFiles.LoadKey(layout.CaKey);
        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || !publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            certificate.Dispose();
            key.Dispose();
            throw new SecurityFileException(layout.CaKey, $"this key does not belong to {layout.CaCertificate}");
        }

        return new CertificateAuthority(layout, certificate, key, time);
    }

    /// <summary>A client certificate with the controller role; the key is generated here.</summary>
    public IssuedCredential IssueController(string name, IssueOptions? options = null)
    {
        CheckName(name, "controller name");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new IssuedCredential(SignKey(new PublicKey(key), name, PeerRole.Controller, options ?? new IssueOptions()), key);
    }

    /// <summary>
    /// A server certificate with the agent role for <paramref name="host"/> (the inventory name), with the host and
    /// <see cref="IssueOptions.Addresses"/> as SANs; the key is generated here (set-up by hand and tests).
    /// </summary>
    public IssuedCredential IssueAgent(string host, IssueOptions? options = null)
    {
        CheckName(host, "host name");
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new IssuedCredential(SignKey(new PublicKey(key), host, PeerRole.Agent, options ?? new IssueOptions()), key);
    }

    /// <summary>
    /// Signs the public key of a PKCS#10 request (PEM) for <paramref name="name"/> in <paramref name="role"/>. The
    /// request's signature must verify (proof that its sender holds the key); its subject and extensions are ignored.
    /// </summary>
    public X509Certificate2 Sign(string csrPem, string name, PeerRole role, IssueOptions? options = null)
    {
        CheckName(name, role == PeerRole.Agent ? "host name" : "controller name");
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateRequestException($"the certificate signing request for '{name}' is not valid: {ex.Message}", ex);
        }

        var key = request.PublicKey;
        using (var ecdsa = key.GetECDsaPublicKey())
        {
            var size = ecdsa?.KeySize ?? 0;
            if (size is not (256 or 384))
            {
                throw new CertificateRequestException(
                    $"the certificate signing request for '{name}' has a {key.Oid.FriendlyName ?? key.Oid.Value} key; only ECDSA P-256 or P-384 keys are signed");
            }
        }

        return SignKey(key, name, role, options ?? new IssueOptions());
    }

    /// <summary>
    /// Enrols an agent: checks the CSR, then consumes the one-time <paramref name="token"/> issued for
    /// <paramref name="host"/> (<see cref="Enrolment.EnrolmentTokens"/>), then signs the CSR's key as that host's agent
    /// certificate. A bad CSR leaves the token unused.
    /// </summary>
    public X509Certificate2 EnrolAgent(string token, string csrPem, string host, IssueOptions? options = null)
    {
        CheckName(host, "host name");
        try
        {
            CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException ex)
        {
            throw new CertificateRequestException($"the certificate signing request for '{host}' is not valid: {ex.Message}", ex);
        }

        new Enrolment.EnrolmentTokens(Layout, _time).Redeem(token, host);
        return Sign(csrPem, host, PeerRole.Agent, options);
    }

    /// <summary>Every certificate this CA has issued, oldest first, with its revocation status.</summary>
    public IReadOnlyList<IssuedCertificate> List()
    {
        var revoked = RevocationList.Load(Layout.RevocationList, Certificate);
        if (!Directory.Exists(Layout.IssuedDirectory))
        {
            return [];
        }

        return Directory.EnumerateFiles(Layout.IssuedDirectory, "*.crt")
            .Select(path =>
            {
                using var certificate = CredentialFiles.LoadCertificate(path);
                var identity = PeerIdentity.FromCertificate(certificate);
                return new IssuedCertificate(identity, path, revoked.IsRevoked(identity.Serial, out var at) ? at : null);
            })
            .OrderBy(c => c.Identity.NotBefore)
            .ThenBy(c => c.Serial, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The revocation list as it stands (verified).</summary>
    public RevocationList ReadRevocationList() => RevocationList.Load(Layout.RevocationList, Certificate);

    /// <summary>
    /// Revokes every not yet revoked certificate issued for <paramref name="name"/> and re-signs the revocation list.
    /// Returns what was revoked; empty when everything for that name was revoked already.
    /// </summary>
    public IReadOnlyList<IssuedCertificate> RevokeName(string name) =>
        Revoke(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase), $"no certificate was issued for '{name}' (see prov ca list)");

    /// <summary>Revokes the certificate with this serial (hex; colons allowed) and re-signs the revocation list.</summary>
    public IReadOnlyList<IssuedCertificate> RevokeSerial(string serial)
    {
        var normal = SerialNumbers.NormalizeHex(serial) ?? throw new CertificateRequestException($"'{serial}' is not a hexadecimal serial number");
        return Revoke(c => c.Serial == normal, $"no certificate with serial {normal} was issued by this CA (see prov ca list)");
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }

    private List<IssuedCertificate> Revoke(Func<IssuedCertificate, bool> match, string noneIssued)
    {
        using var held = HoldLock();
        var matching = List().Where(match).ToList();
        if (matching.Count == 0)
        {
            throw new CertificateRequestException(noneIssued);
        }

        var toRevoke = matching.Where(c => !c.IsRevoked).ToList();
        if (toRevoke.Count == 0)
        {
            return [];
        }

        var builder = CertificateRevocationListBuilder.LoadPem(File.ReadAllText(Layout.RevocationList), out var number);
        var now = _time.GetUtcNow();
        foreach (var certificate in toRevoke)
        {
            builder.AddEntry(Convert.FromHexString(certificate.Serial), now, X509RevocationReason.CessationOfOperation);
        }

        WriteRevocationList(builder, number + 1);
        return toRevoke.Select(c => c with { RevokedAt = now }).ToList();
    }

    private void WriteRevocationList(CertificateRevocationListBuilder builder, BigInteger number)
    {
        var now = _time.GetUtcNow();
        var der = builder.Build(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), number,
            new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false),
            now);
        CredentialFiles.Replace(Layout.RevocationList, PemEncoding.WriteString("X509 CRL", der), CredentialFiles.PublicMode);
    }

    private X509Certificate2 SignKey(PublicKey key, string name, PeerRole role, IssueOptions options)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection();
        foreach (var usage in RoleMarkers.IssuedUsages(role))
        {
            usages.Add(new Oid(usage));
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        var san = new SubjectAlternativeNameBuilder();
        if (role == PeerRole.Agent)
        {
            if (IPAddress.TryParse(name, out var literal))
            {
                san.AddIpAddress(literal);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        foreach (var address in options.Addresses.Distinct())
        {
            san.AddIpAddress(address);
        }

        san.AddUri(new Uri(RoleMarkers.UriOf(role)));
        request.CertificateExtensions.Add(san.Build(critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));

        var notBefore = options.NotBefore ?? _time.GetUtcNow() - ClockSkew;
        var caNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notAfter = notBefore + options.Lifetime > caNotAfter ? caNotAfter : notBefore + options.Lifetime;
        if (notAfter <= notBefore)
        {
            throw new CertificateRequestException($"the certificate for '{name}' would end ({notAfter:u}) before it starts ({notBefore:u})");
        }

        var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, SerialNumbers.NewSerial());
        CredentialFiles.WriteCertificate(Layout.IssuedCertificate(SerialNumbers.Normalize(certificate.SerialNumberBytes.Span)), certificate);
        return certificate;
    }

    private FileStream HoldLock()
    {
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: it dies with the process.
            return new FileStream(Layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new SecurityFileException(Layout.LockFile, "another prov ca command is changing this CA; try again when it has finished", ex);
        }
    }

    private static void CheckName(string name, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 253
            || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '@'))
        {
            throw new CertificateRequestException(
                $"'{name}' is not a valid {what}: use 1-253 letters, digits, '.', '-', '_' (an IP address is fine for a host)");
        }
    }
}
