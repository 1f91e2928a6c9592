using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;

namespace Provisioner.Security.Tests.Authority;

public sealed class CertificateAuthorityTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public void Init_NewDirectory_WritesKeysWithMode0600AndDirectory0700()
    {
        using var ca = new TestCa();

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(ca.Layout.CaKey), Is.EqualTo(OwnerReadWrite));
            Assert.That(File.GetUnixFileMode(ca.Layout.ControllerKey), Is.EqualTo(OwnerReadWrite));
            Assert.That(File.GetUnixFileMode(ca.Layout.Directory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(File.Exists(ca.Layout.CaCertificate), Is.True);
            Assert.That(File.Exists(ca.Layout.ControllerCertificate), Is.True);
            Assert.That(File.Exists(ca.Layout.RevocationList), Is.True);
        });
    }

    [Test]
    public void Init_UnderRestrictiveUmaskOrNot_KeyIsNeverReadableByOthers()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        var keyPath = ca.Path("web1.key");

        agent.Save(ca.Path("web1.crt"), keyPath);

        Assert.That(File.GetUnixFileMode(keyPath), Is.EqualTo(OwnerReadWrite));
    }

    [Test]
    public void Init_ExistingCa_RefusesAndLeavesTheKeyUntouched()
    {
        using var ca = new TestCa();
        var before = File.ReadAllBytes(ca.Layout.CaKey);

        var ex = Assert.Throws<SecurityFileException>(() => CertificateAuthority.Init(ca.Layout, "other", ca.Time));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("already exists"));
            Assert.That(File.ReadAllBytes(ca.Layout.CaKey), Is.EqualTo(before));
        });
    }

    [Test]
    public void Init_CaCertificate_IsP256CaWithPathLengthZero()
    {
        using var ca = new TestCa();
        var certificate = ca.Authority.Certificate;
        var constraints = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        using var key = certificate.GetECDsaPublicKey();

        Assert.Multiple(() =>
        {
            Assert.That(constraints.CertificateAuthority, Is.True);
            Assert.That(constraints.PathLengthConstraint, Is.Zero);
            Assert.That(key!.KeySize, Is.EqualTo(256));
            Assert.That(certificate.SignatureAlgorithm.Value, Is.EqualTo("1.2.840.10045.4.3.2"));
        });
    }

    [Test]
    public void Open_AfterInit_ControllerCertificateChainsToTheCa()
    {
        using var ca = new TestCa();
        using var reopened = CertificateAuthority.Open(ca.Layout, ca.Time);
        using var controller = CredentialFiles.LoadCertificateWithKey(ca.Layout.ControllerCertificate, ca.Layout.ControllerKey);

        Assert.Multiple(() =>
        {
            Assert.That(reopened.Certificate.Thumbprint, Is.EqualTo(ca.Authority.Certificate.Thumbprint));
            Assert.That(controller.HasPrivateKey, Is.True);
            Assert.That(controller.Issuer, Is.EqualTo(ca.Authority.Certificate.Subject));
            Assert.That(PeerIdentity.FromCertificate(controller).Role, Is.EqualTo(PeerRole.Controller));
        });
    }

    [Test]
    public void Open_NoCa_SaysHowToCreateOne()
    {
        var layout = new CaLayout(Path.Combine(Path.GetTempPath(), "prov-security-tests", Guid.NewGuid().ToString("N")));

        var ex = Assert.Throws<SecurityFileException>(() => CertificateAuthority.Open(layout, TimeProvider.System));

        Assert.That(ex!.Message, Does.Contain("prov ca init"));
    }

    [Test]
    public void IssueAgent_HostAndAddress_CarriedAsSans()
    {
        using var ca = new TestCa();

        using var agent = ca.Authority.IssueAgent("web1.example.org", new IssueOptions { Addresses = [IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")] });
        var identity = PeerIdentity.FromCertificate(agent.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(identity.Name, Is.EqualTo("web1.example.org"));
            Assert.That(identity.DnsNames, Is.EqualTo(new[] { "web1.example.org" }));
            Assert.That(identity.IpAddresses, Is.EqualTo(new[] { IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5") }));
            Assert.That(identity.Role, Is.EqualTo(PeerRole.Agent));
            Assert.That(identity.Names("10.0.0.5"), Is.True);
            Assert.That(identity.Names("WEB1.example.org"), Is.True);
            Assert.That(identity.Names("web2.example.org"), Is.False);
        });
    }

    [Test]
    public void IssueAgent_IpAddressAsHost_BecomesAnIpSan()
    {
        using var ca = new TestCa();

        using var agent = ca.Authority.IssueAgent("192.0.2.7");
        var identity = PeerIdentity.FromCertificate(agent.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(identity.DnsNames, Is.Empty);
            Assert.That(identity.IpAddresses, Is.EqualTo(new[] { IPAddress.Parse("192.0.2.7") }));
        });
    }

    [Test]
    public void IssueAgent_LifetimeBeyondCa_ClampedToCaExpiry()
    {
        using var ca = new TestCa();

        using var agent = ca.Authority.IssueAgent("web1", new IssueOptions { Lifetime = TimeSpan.FromDays(50 * 365) });

        Assert.That(agent.Certificate.NotAfter, Is.EqualTo(ca.Authority.Certificate.NotAfter));
    }

    [TestCase("")]
    [TestCase("web 1")]
    [TestCase("web1/../x")]
    [TestCase("CN=evil,O=x")]
    public void IssueAgent_InvalidName_Refused(string host)
    {
        using var ca = new TestCa();

        Assert.Throws<CertificateRequestException>(() => ca.Authority.IssueAgent(host));
    }

    [Test]
    public void Sign_Csr_UsesOnlyItsKeyAndTheCasChoiceOfNameAndRole()
    {
        using var ca = new TestCa();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=admin, O=Evil", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(RoleMarkers.UriOf(PeerRole.Controller)));
        request.CertificateExtensions.Add(san.Build());
        var csr = request.CreateSigningRequestPem();

        using var certificate = ca.Authority.Sign(csr, "db1", PeerRole.Agent);
        var identity = PeerIdentity.FromCertificate(certificate);
        using var issuedKey = certificate.GetECDsaPublicKey();

        Assert.Multiple(() =>
        {
            Assert.That(identity.Name, Is.EqualTo("db1"));
            Assert.That(identity.Role, Is.EqualTo(PeerRole.Agent));
            Assert.That(identity.Uris, Is.EqualTo(new[] { "urn:prov:role:agent" }));
            Assert.That(issuedKey!.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
        });
    }

    [Test]
    public void Sign_TamperedCsr_Refused()
    {
        using var ca = new TestCa();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // A request carrying one key but signed by another: its sender does not prove it holds the key.
        var request = new CertificateRequest(new X500DistinguishedName("CN=x"), new PublicKey(key), HashAlgorithmName.SHA256);
        var der = request.CreateSigningRequest(X509SignatureGenerator.CreateForECDsa(other));
        var pem = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        Assert.Throws<CertificateRequestException>(() => ca.Authority.Sign(pem, "db1", PeerRole.Agent));
    }

    [Test]
    public void Sign_RsaCsr_RefusedWithTheReason()
    {
        using var ca = new TestCa();
        using var key = RSA.Create(2048);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();

        var ex = Assert.Throws<CertificateRequestException>(() => ca.Authority.Sign(csr, "db1", PeerRole.Agent));

        Assert.That(ex!.Message, Does.Contain("only ECDSA"));
    }

    [Test]
    public void List_AfterIssuing_ShowsEveryCertificateWithRoleAndRevocation()
    {
        using var ca = new TestCa();
        using var web = ca.Authority.IssueAgent("web1");
        using var db = ca.Authority.IssueAgent("db1");
        ca.Authority.RevokeName("db1");

        var list = ca.Authority.List();

        Assert.Multiple(() =>
        {
            Assert.That(list.Select(c => c.Name), Is.EquivalentTo(new[] { "prov-controller", "web1", "db1" }));
            Assert.That(list.Single(c => c.Name == "web1").IsRevoked, Is.False);
            Assert.That(list.Single(c => c.Name == "db1").IsRevoked, Is.True);
            Assert.That(list.Single(c => c.Name == "prov-controller").Identity.Role, Is.EqualTo(PeerRole.Controller));
        });
    }

    [Test]
    public void RevokeName_TwoCertificatesForTheHost_RevokesBothAndRaisesTheListNumber()
    {
        using var ca = new TestCa();
        using var first = ca.Authority.IssueAgent("web1");
        using var second = ca.Authority.IssueAgent("web1");
        using var other = ca.Authority.IssueAgent("web2");
        var before = ca.Authority.ReadRevocationList().Number;

        var revoked = ca.Authority.RevokeName("web1");
        var list = ca.Authority.ReadRevocationList();

        Assert.Multiple(() =>
        {
            Assert.That(revoked, Has.Count.EqualTo(2));
            Assert.That(list.Revoked.Keys, Is.EquivalentTo(new[] { Serial(first.Certificate), Serial(second.Certificate) }));
            Assert.That(list.Number, Is.EqualTo(before + 1));
        });
    }

    [Test]
    public void RevokeName_AlreadyRevoked_ReturnsNothingNew()
    {
        using var ca = new TestCa();
        using var web = ca.Authority.IssueAgent("web1");
        ca.Authority.RevokeName("web1");

        Assert.That(ca.Authority.RevokeName("web1"), Is.Empty);
    }

    [Test]
    public void RevokeName_NeverIssued_Refused()
    {
        using var ca = new TestCa();

        var ex = Assert.Throws<CertificateRequestException>(() => ca.Authority.RevokeName("ghost"));

        Assert.That(ex!.Message, Does.Contain("ghost"));
    }

    [Test]
    public void RevokeSerial_WithColons_RevokesThatCertificateOnly()
    {
        using var ca = new TestCa();
        using var first = ca.Authority.IssueAgent("web1");
        using var second = ca.Authority.IssueAgent("web1");
        var serial = Serial(first.Certificate);
        var withColons = string.Join(':', Enumerable.Range(0, serial.Length / 2).Select(i => serial.Substring(i * 2, 2)));

        ca.Authority.RevokeSerial(withColons.ToLowerInvariant());

        Assert.That(ca.Authority.ReadRevocationList().Revoked.Keys, Is.EqualTo(new[] { serial }));
    }

    private static string Serial(X509Certificate2 certificate) => PeerIdentity.FromCertificate(certificate).Serial;
}
