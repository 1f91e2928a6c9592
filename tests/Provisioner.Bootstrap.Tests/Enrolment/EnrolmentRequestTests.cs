using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Provisioner.Bootstrap.Enrolment;

namespace Provisioner.Bootstrap.Tests.Enrolment;

[TestFixture]
public sealed class EnrolmentRequestTests
{
    [TestCase(UniversalTagNumber.UTF8String)]
    [TestCase(UniversalTagNumber.PrintableString)]
    public void ReadToken_ChallengePassword_IsTheToken(UniversalTagNumber kind)
    {
        var csr = Csr(request =>
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteCharacterString(kind, "prov-enrol-abc");
            request.OtherRequestAttributes.Add(new AsnEncodedData(new Oid(EnrolmentRequest.ChallengePasswordOid), writer.Encode()));
        });

        Assert.That(EnrolmentRequest.ReadToken("h", csr), Is.EqualTo("prov-enrol-abc"));
    }

    [Test]
    public void ReadToken_NoToken_IsRefused()
    {
        var ex = Assert.Throws<EnrolmentException>(() => EnrolmentRequest.ReadToken("web1", Csr(_ => { })));

        Assert.That(ex!.Message, Does.StartWith("web1: ").And.Contain("carries no enrolment token"));
    }

    [Test]
    public void ReadToken_TamperedRequest_IsRefused()
    {
        var pem = Csr(request =>
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            writer.WriteCharacterString(UniversalTagNumber.UTF8String, "prov-enrol-aaaa");
            request.OtherRequestAttributes.Add(new AsnEncodedData(new Oid(EnrolmentRequest.ChallengePasswordOid), writer.Encode()));
        });
        var der = PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
        var at = der.AsSpan().IndexOf("prov-enrol-aaaa"u8);
        der[at + 11] = (byte)'b';
        var tampered = PemEncoding.WriteString("CERTIFICATE REQUEST", der);

        var ex = Assert.Throws<EnrolmentException>(() => EnrolmentRequest.ReadToken("web1", tampered));

        Assert.That(ex!.Message, Does.Contain("not valid"));
    }

    private static string Csr(Action<CertificateRequest> configure)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=h", key, HashAlgorithmName.SHA256);
        configure(request);
        return request.CreateSigningRequestPem();
    }
}
