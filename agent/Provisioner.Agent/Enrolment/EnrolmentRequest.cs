using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Agent.Enrolment;

/// <summary><c>enroll request</c>: a new key on this host and a CSR for it that carries the token.</summary>
internal static class EnrolmentRequest
{
    public static string Create(string name, string keyPath, string token)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.OtherRequestAttributes.Add(TokenAttribute.Encode(token));
        var csr = request.CreateSigningRequestPem();

        // Written only once the CSR exists: a failure above leaves no stray key behind.
        SecureFiles.Replace(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n", SecureFiles.Private);
        return csr + "\n";
    }
}
