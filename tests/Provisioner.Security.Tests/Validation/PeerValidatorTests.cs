using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Authority;
using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Provisioner.Security.Validation;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Provisioner.Security.Tests.Validation;

public sealed class PeerValidatorTests
{
    private TestCa _ca = null!;
    private LogSink _log = null!;
    private PeerValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _ca = new TestCa();
        _log = new LogSink();
        _validator = new PeerValidator(_ca.Authority.Certificate, new RevocationListFile(_ca.Layout.RevocationList, _ca.Authority.Certificate, Logger()),
            _ca.Time, Logger());
    }

    [TearDown]
    public void TearDown() => _ca.Dispose();

    [Test]
    public void Validate_ControllerCertificateAsController_Accepted()
    {
        using var controller = _ca.Authority.IssueController("ops");

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Controller, expectedHost: null, "test");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Accepted, Is.True, verdict.RefusalReason);
            Assert.That(verdict.Identity!.Name, Is.EqualTo("ops"));
            Assert.That(_log.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Validate_AgentCertificateForTheExpectedHost_Accepted()
    {
        using var agent = _ca.Authority.IssueAgent("web1", new IssueOptions { Addresses = [System.Net.IPAddress.Loopback] });

        Assert.Multiple(() =>
        {
            Assert.That(_validator.Validate(agent.Certificate, PeerRole.Agent, "web1", "test").Accepted, Is.True);
            Assert.That(_validator.Validate(agent.Certificate, PeerRole.Agent, "127.0.0.1", "test").Accepted, Is.True);
        });
    }

    [Test]
    public void Validate_NoCertificate_RefusedAndLogged()
    {
        var verdict = _validator.Validate(null, PeerRole.Controller, null, "10.0.0.9:4000");

        Assert.Multiple(() =>
        {
            Assert.That(verdict.RefusalReason, Does.StartWith("no certificate presented"));
            Assert.That(_log.Warnings.Single(), Does.Contain("10.0.0.9:4000").And.Contain("no certificate presented"));
        });
    }

    [Test]
    public void Validate_CertificateOfAnotherCa_Refused()
    {
        using var other = new TestCa();
        using var controller = other.Authority.IssueController("prov-controller");

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("not by this CA"));
    }

    [Test]
    public void Validate_SameNameAsOurCaButAnotherKey_RefusedAsForged()
    {
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ops", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(RoleMarkers.UriOf(PeerRole.Controller)));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(RoleMarkers.ClientAuthOid)], false));
        var now = _ca.Time.GetUtcNow();
        using var forged = request.Create(_ca.Authority.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(forger), now.AddDays(-1), now.AddDays(1), [1, 2, 3]);

        var verdict = _validator.Validate(forged, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("does not verify against it"));
    }

    [Test]
    public void Validate_AgentCertificatePresentedAsController_RefusedForRole()
    {
        using var agent = _ca.Authority.IssueAgent("web1");

        var verdict = _validator.Validate(agent.Certificate, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("holds the role agent; the role controller is required"));
    }

    [Test]
    public void Validate_ControllerCertificatePresentedAsAgent_RefusedForRole()
    {
        using var controller = _ca.Authority.IssueController("ops");

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Agent, "ops", "test");

        Assert.That(verdict.RefusalReason, Does.Contain("holds the role controller; the role agent is required"));
    }

    [Test]
    public void Validate_Expired_Refused()
    {
        using var controller = _ca.Authority.IssueController("ops", new IssueOptions { Lifetime = TimeSpan.FromDays(1) });
        _ca.Time.Advance(TimeSpan.FromDays(2));

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("expired on"));
    }

    [Test]
    public void Validate_NotYetValid_Refused()
    {
        using var controller = _ca.Authority.IssueController("ops", new IssueOptions { NotBefore = _ca.Time.GetUtcNow().AddDays(1) });

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("not valid before"));
    }

    [Test]
    public void Validate_Revoked_Refused()
    {
        using var controller = _ca.Authority.IssueController("ops");
        _ca.Authority.RevokeName("ops");

        var verdict = _validator.Validate(controller.Certificate, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("was revoked on"));
    }

    [Test]
    public void Validate_AgentCertificateForAnotherHost_Refused()
    {
        using var agent = _ca.Authority.IssueAgent("web2");

        var verdict = _validator.Validate(agent.Certificate, PeerRole.Agent, "web1", "test");

        Assert.That(verdict.RefusalReason, Does.Contain("is for web2, not for 'web1'"));
    }

    [Test]
    public void Validate_NoRoleUri_RefusedAsRoleless()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=x", key, HashAlgorithmName.SHA256);
        var now = _ca.Time.GetUtcNow();
        using var caKey = CredentialFiles.LoadKey(_ca.Layout.CaKey);
        using var plain = csr.Create(_ca.Authority.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddDays(-1), now.AddDays(1), [7]);

        var verdict = _validator.Validate(plain, PeerRole.Controller, null, "test");

        Assert.That(verdict.RefusalReason, Does.Contain("holds no usable role"));
    }

    private Logger Logger() => new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_log).CreateLogger();

    private sealed class LogSink : ILogEventSink
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings => _warnings;

        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Level >= LogEventLevel.Warning)
            {
                _warnings.Add(logEvent.RenderMessage());
            }
        }
    }
}
