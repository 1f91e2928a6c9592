using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Security.Authority;

/// <summary>A certificate issued together with the private key generated for it. The caller disposes both.</summary>
public sealed class IssuedCredential : IDisposable
{
    public IssuedCredential(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        Key = key;
    }

    public X509Certificate2 Certificate { get; }

    public ECDsa Key { get; }

    /// <summary>The certificate with its key attached, ready to present in TLS.</summary>
    public X509Certificate2 WithKey() => Certificate.CopyWithPrivateKey(Key);

    /// <summary>Writes CERT and KEY (0600) files; refuses to overwrite either.</summary>
    public void Save(string certificatePath, string keyPath)
    {
        Certificates.CredentialFiles.WriteKey(keyPath, Key);
        Certificates.CredentialFiles.WriteCertificate(certificatePath, Certificate);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Key.Dispose();
    }
}
