using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Agent.Enrolment;

/// <summary><c>enroll install</c> and <c>enroll check</c>: accept a signed certificate only for our own pending key.</summary>
internal static class EnrolmentInstall
{
    public static string Install(EnrollOptions options, string bundle)
    {
        var (certificatePem, caPem, crlPem) = Split(bundle);
        using var certificate = X509Certificate2.CreateFromPem(certificatePem);
        using var ca = X509Certificate2.CreateFromPem(caPem);
        var name = options.Require("name");
        var pendingPath = options.Require("pending-key");
        if (certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) != name)
        {
            throw new EnrolmentException($"the certificate is for '{certificate.GetNameInfo(X509NameType.SimpleName, false)}', not for this host ('{name}')");
        }

        if (!File.Exists(pendingPath))
        {
            throw new EnrolmentException($"there is no pending key at {pendingPath}; run 'enroll request' first");
        }

        var pendingPem = File.ReadAllText(pendingPath);
        if (!BelongsTo(pendingPem, certificate))
        {
            throw new EnrolmentException($"the certificate is not for the key at {pendingPath}; refusing it");
        }

        CheckChain(certificate, ca);

        SecureFiles.Replace(options.Require("ca"), caPem + "\n", SecureFiles.Public);
        if (crlPem is not null && options.Get("crl") is { } crlPath)
        {
            SecureFiles.Replace(crlPath, crlPem + "\n", SecureFiles.Public);
        }

        // Key before certificate: a crash in between leaves a mismatch that 'enroll check' reports, never a
        // certificate that anyone else's key could use.
        SecureFiles.Replace(options.Require("key"), pendingPem, SecureFiles.Private);
        File.Delete(pendingPath);
        SecureFiles.Replace(options.Require("cert"), certificatePem + "\n", SecureFiles.Public);
        return $"installed the certificate for {name} (serial {certificate.SerialNumber}, valid until {certificate.NotAfter.ToUniversalTime():u})\n";
    }

    public static string Check(string keyPath, string certificatePath)
    {
        if (!File.Exists(keyPath) || !File.Exists(certificatePath))
        {
            throw new EnrolmentException($"not enrolled: {(File.Exists(keyPath) ? certificatePath : keyPath)} is missing");
        }

        using var certificate = LoadCertificate(certificatePath);
        return BelongsTo(File.ReadAllText(keyPath), certificate)
            ? "the key belongs to the certificate\n"
            : throw new EnrolmentException($"the key {keyPath} does not belong to the certificate {certificatePath}");
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(path));
        }
        catch (CryptographicException ex)
        {
            throw new EnrolmentException($"{path} is not a PEM certificate: {ex.Message}", ex);
        }
    }

    private static bool BelongsTo(string keyPem, X509Certificate2 certificate)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(keyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new EnrolmentException($"the key is not a PEM ECDSA private key: {ex.Message}", ex);
        }

        using var certificateKey = certificate.GetECDsaPublicKey();
        return certificateKey is not null && certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
    }

    private static void CheckChain(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            var problems = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
            throw new EnrolmentException($"the certificate does not chain to the given CA certificate: {problems}");
        }
    }

    /// <summary>Standard input: the certificate, the CA certificate, and optionally the CA's CRL, as PEM.</summary>
    private static (string Certificate, string Ca, string? Crl) Split(string bundle)
    {
        var certificates = new List<string>();
        string? crl = null;
        var rest = bundle.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var pem = rest[fields.Location].ToString();
            var label = rest[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"))
            {
                certificates.Add(pem);
            }
            else if (label.SequenceEqual("X509 CRL"))
            {
                crl = pem;
            }

            rest = rest[fields.Location.End..];
        }

        return certificates.Count == 2
            ? (certificates[0], certificates[1], crl)
            : throw new EnrolmentException($"expected the certificate and the CA certificate as PEM on standard input, got {certificates.Count} certificate(s)");
    }
}
