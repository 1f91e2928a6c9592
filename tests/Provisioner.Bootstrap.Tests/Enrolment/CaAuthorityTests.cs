using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Enrolment;

/// <summary>The token and certificate rules enrolment relies on, through the real CA, without SSH.</summary>
[TestFixture]
public sealed class CaAuthorityTests
{
    private string _directory = null!;
    private FakeTimeProvider _time = null!;
    private CaAuthority _authority = null!;

    [SetUp]
    public void CreateCa()
    {
        _directory = Directory.CreateTempSubdirectory("prov-ca-").FullName;
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _authority = TestCa.Open(TestCa.Init(_directory, _time), _time);
    }

    [TearDown]
    public void DeleteCa()
    {
        _authority.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void EnrolAgent_FreshTokenForItsHost_SignsTheRequestsKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = _authority.CreateEnrolmentToken("web1");

        using var certificate = X509Certificate2.CreateFromPem(_authority.EnrolAgent(token, Csr(key), "web1", []));

        Assert.That(certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
        Assert.That(_authority.CheckAgent(certificate, "web1"), Is.Null);
    }

    [Test]
    public void EnrolAgent_TokenUsedBefore_IsRefused()
    {
        var token = _authority.CreateEnrolmentToken("web1");
        _authority.EnrolAgent(token, Csr(), "web1", []);

        var ex = Assert.Throws<EnrolmentException>(() => _authority.EnrolAgent(token, Csr(), "web1", []));

        Assert.That(ex!.Message, Does.Contain("already used"));
    }

    [Test]
    public void EnrolAgent_JustBeforeExpiry_IsAccepted()
    {
        var token = _authority.CreateEnrolmentToken("web1");
        _time.Advance(CaAuthority.TokenLifetime - TimeSpan.FromSeconds(1));

        Assert.DoesNotThrow(() => _authority.EnrolAgent(token, Csr(), "web1", []));
    }

    [Test]
    public void EnrolAgent_AtExpiry_IsRefused()
    {
        var token = _authority.CreateEnrolmentToken("web1");
        _time.Advance(CaAuthority.TokenLifetime);

        var ex = Assert.Throws<EnrolmentException>(() => _authority.EnrolAgent(token, Csr(), "web1", []));

        Assert.That(ex!.Message, Does.Contain("expired"));
    }

    [Test]
    public void EnrolAgent_TokenOfAnotherHost_IsRefused()
    {
        var token = _authority.CreateEnrolmentToken("web1");

        var ex = Assert.Throws<EnrolmentException>(() => _authority.EnrolAgent(token, Csr(), "db1", []));

        Assert.That(ex!.Message, Does.Contain("issued for 'web1', not 'db1'"));
    }

    [Test]
    public void EnrolAgent_UnknownToken_IsRefused()
    {
        var ex = Assert.Throws<EnrolmentException>(() => _authority.EnrolAgent("prov-enrol-made-up", Csr(), "web1", []));

        Assert.That(ex!.Message, Does.Contain("not known"));
    }

    [Test]
    public void EnrolAgent_RequestNotSigned_IsRefusedAndTokenStaysUsable()
    {
        var token = _authority.CreateEnrolmentToken("web1");

        Assert.Throws<EnrolmentException>(() => _authority.EnrolAgent(token, "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", "web1", []));
        Assert.DoesNotThrow(() => _authority.EnrolAgent(token, Csr(), "web1", []));
    }

    [Test]
    public void CheckAgent_CertificateOfAnotherHost_SaysWhy()
    {
        using var certificate = X509Certificate2.CreateFromPem(_authority.EnrolAgent(_authority.CreateEnrolmentToken("web1"), Csr(), "web1", []));

        Assert.That(_authority.CheckAgent(certificate, "db1"), Does.Contain("not acceptable"));
    }

    [Test]
    public void CheckAgent_CertificateNearItsEnd_AsksForRenewal()
    {
        using var certificate = X509Certificate2.CreateFromPem(_authority.EnrolAgent(_authority.CreateEnrolmentToken("web1"), Csr(), "web1", []));
        _time.Advance(Provisioner.Security.Authority.IssueOptions.DefaultLifetime - CaAuthority.RenewBefore + TimeSpan.FromDays(1));

        Assert.That(_authority.CheckAgent(certificate, "web1"), Does.Contain("renewing"));
    }

    [Test]
    public void RevokeAgent_IssuedThenNone_CountsWhatWasRevoked()
    {
        using var certificate = X509Certificate2.CreateFromPem(_authority.EnrolAgent(_authority.CreateEnrolmentToken("web1"), Csr(), "web1", []));

        Assert.That(_authority.RevokeAgent("web1"), Is.EqualTo(1));
        Assert.That(_authority.RevokeAgent("web1"), Is.Zero);
        Assert.That(_authority.RevokeAgent("never-issued"), Is.Zero);
        Assert.That(_authority.CheckAgent(certificate, "web1"), Does.Contain("revoked"));
    }

    private static string Csr(ECDsa? key = null)
    {
        using var own = key is null ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        return new CertificateRequest("CN=ignored", key ?? own!, HashAlgorithmName.SHA256).CreateSigningRequestPem();
    }
}
