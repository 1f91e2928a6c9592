using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Provisioner.Security.Enrolment;

namespace Provisioner.Security.Tests.Enrolment;

public sealed class EnrolmentTokensTests
{
    [Test]
    public void EnrolAgent_ValidToken_SignsTheHostsKeyOnce()
    {
        using var ca = new TestCa();
        var token = new EnrolmentTokens(ca.Layout, ca.Time).Create("web1", EnrolmentTokens.DefaultLifetime);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=web1", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

        using var certificate = ca.Authority.EnrolAgent(token, csr, "web1");
        var again = Assert.Throws<CertificateRequestException>(() => ca.Authority.EnrolAgent(token, csr, "web1"));

        Assert.Multiple(() =>
        {
            Assert.That(PeerIdentity.FromCertificate(certificate).Role, Is.EqualTo(PeerRole.Agent));
            Assert.That(again!.Message, Does.Contain("already used"));
        });
    }

    [Test]
    public void Redeem_Expired_Refused()
    {
        using var ca = new TestCa();
        var tokens = new EnrolmentTokens(ca.Layout, ca.Time);
        var token = tokens.Create("web1", TimeSpan.FromMinutes(15));
        ca.Time.Advance(TimeSpan.FromMinutes(16));

        var ex = Assert.Throws<CertificateRequestException>(() => tokens.Redeem(token, "web1"));

        Assert.That(ex!.Message, Does.Contain("expired"));
    }

    [Test]
    public void Redeem_OtherHost_RefusedAndStillUsableByItsHost()
    {
        using var ca = new TestCa();
        var tokens = new EnrolmentTokens(ca.Layout, ca.Time);
        var token = tokens.Create("web1", TimeSpan.FromMinutes(15));

        var ex = Assert.Throws<CertificateRequestException>(() => tokens.Redeem(token, "db1"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("issued for 'web1'"));
            Assert.That(() => tokens.Redeem(token, "web1"), Throws.Nothing);
        });
    }

    [Test]
    public void Redeem_UnknownToken_Refused()
    {
        using var ca = new TestCa();

        Assert.Throws<CertificateRequestException>(() => new EnrolmentTokens(ca.Layout, ca.Time).Redeem("prov-enrol-guess", "web1"));
    }

    [Test]
    public void Create_Token_StoredOnlyAsHashInAPrivateFile()
    {
        using var ca = new TestCa();

        var token = new EnrolmentTokens(ca.Layout, ca.Time).Create("web1", TimeSpan.FromMinutes(15));

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(ca.Layout.EnrolmentTokens), Does.Not.Contain(token["prov-enrol-".Length..]));
            Assert.That(File.GetUnixFileMode(ca.Layout.EnrolmentTokens), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public void EnrolAgent_InvalidCsr_TokenLeftUnused()
    {
        using var ca = new TestCa();
        var tokens = new EnrolmentTokens(ca.Layout, ca.Time);
        var token = tokens.Create("web1", TimeSpan.FromMinutes(15));

        Assert.Throws<CertificateRequestException>(() => ca.Authority.EnrolAgent(token, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", "web1"));

        Assert.That(() => tokens.Redeem(token, "web1"), Throws.Nothing);
    }
}
