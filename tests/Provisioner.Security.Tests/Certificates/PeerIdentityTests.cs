using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Security.Certificates;

namespace Provisioner.Security.Tests.Certificates;

public sealed class PeerIdentityTests
{
    [Test]
    public void FromCertificate_AgentRoleUriAndServerAuth_RoleAgent()
    {
        using var certificate = SelfSigned([RoleMarkers.UriOf(PeerRole.Agent)], [RoleMarkers.ServerAuthOid]);

        Assert.That(PeerIdentity.FromCertificate(certificate).Role, Is.EqualTo(PeerRole.Agent));
    }

    [Test]
    public void FromCertificate_ControllerRoleUriAndClientAuth_RoleController()
    {
        using var certificate = SelfSigned([RoleMarkers.UriOf(PeerRole.Controller)], [RoleMarkers.ClientAuthOid]);

        Assert.That(PeerIdentity.FromCertificate(certificate).Role, Is.EqualTo(PeerRole.Controller));
    }

    [Test]
    public void FromCertificate_AgentUriWithoutServerAuth_NoRole()
    {
        using var certificate = SelfSigned([RoleMarkers.UriOf(PeerRole.Agent)], [RoleMarkers.ClientAuthOid]);
        var identity = PeerIdentity.FromCertificate(certificate);

        Assert.Multiple(() =>
        {
            Assert.That(identity.Role, Is.Null);
            Assert.That(identity.RoleProblem, Does.Contain("serverAuth"));
        });
    }

    [Test]
    public void FromCertificate_TwoRoleUris_NoRole()
    {
        using var certificate = SelfSigned([RoleMarkers.UriOf(PeerRole.Agent), RoleMarkers.UriOf(PeerRole.Controller)],
            [RoleMarkers.ServerAuthOid, RoleMarkers.ClientAuthOid]);
        var identity = PeerIdentity.FromCertificate(certificate);

        Assert.Multiple(() =>
        {
            Assert.That(identity.Role, Is.Null);
            Assert.That(identity.RoleProblem, Does.Contain("exactly one role"));
        });
    }

    [Test]
    public void FromCertificate_UnknownRoleName_NoRole()
    {
        using var certificate = SelfSigned(["urn:prov:role:admin"], [RoleMarkers.ClientAuthOid]);

        Assert.That(PeerIdentity.FromCertificate(certificate).RoleProblem, Does.Contain("'admin' is not a prov role"));
    }

    [Test]
    public void FromCertificate_OtherUrisBesideTheRole_RoleStillRead()
    {
        using var certificate = SelfSigned(["https://example.org/", RoleMarkers.UriOf(PeerRole.Controller)], [RoleMarkers.ClientAuthOid]);
        var identity = PeerIdentity.FromCertificate(certificate);

        Assert.Multiple(() =>
        {
            Assert.That(identity.Role, Is.EqualTo(PeerRole.Controller));
            Assert.That(identity.Uris, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void FromCertificate_NoExtensions_NoRole()
    {
        using var certificate = SelfSigned([], []);

        Assert.That(PeerIdentity.FromCertificate(certificate).RoleProblem, Does.Contain("no prov role"));
    }

    private static X509Certificate2 SelfSigned(string[] uris, string[] usages)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256);
        if (uris.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("test");
            foreach (var uri in uris)
            {
                san.AddUri(new Uri(uri));
            }

            request.CertificateExtensions.Add(san.Build());
        }

        if (usages.Length > 0)
        {
            var oids = new OidCollection();
            foreach (var usage in usages)
            {
                oids.Add(new Oid(usage));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, false));
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}
