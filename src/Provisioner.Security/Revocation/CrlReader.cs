// Parses an X.509 CRL (RFC 5280 section 5) and verifies its ECDSA signature against our CA; .NET builds CRLs but does not read them.
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Provisioner.Security.Certificates;

namespace Provisioner.Security.Revocation;

internal static class CrlReader
{
    private const string CrlNumberOid = "2.5.29.20";
    private const string EcdsaSha256Oid = "1.2.840.10045.4.3.2";
    private const string EcdsaSha384Oid = "1.2.840.10045.4.3.3";
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 0, isConstructed: true);

    public static RevocationList Read(byte[] content, X509Certificate2 authority, string source)
    {
        try
        {
            var der = ToDer(content);
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbsBytes = outer.PeekEncodedValue();
            var tbs = outer.ReadSequence();
            var signatureAlgorithm = outer.ReadSequence().ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);

            Verify(tbsBytes.Span, signatureAlgorithm, signature, authority, source);
            return ReadTbs(tbs, authority, source);
        }
        catch (Exception ex) when (ex is AsnContentException or CryptographicException or FormatException)
        {
            throw new SecurityFileException(source, $"not a valid X.509 revocation list ({ex.Message})", ex);
        }
    }

    private static byte[] ToDer(byte[] content)
    {
        var text = Encoding.ASCII.GetString(content);
        if (!text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return content;
        }

        var fields = PemEncoding.Find(text);
        if (text[fields.Label] != "X509 CRL")
        {
            throw new FormatException($"PEM label is '{text[fields.Label]}', expected 'X509 CRL'");
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    private static void Verify(ReadOnlySpan<byte> tbs, string algorithm, byte[] signature, X509Certificate2 authority, string source)
    {
        var hash = algorithm switch
        {
            EcdsaSha256Oid => HashAlgorithmName.SHA256,
            EcdsaSha384Oid => HashAlgorithmName.SHA384,
            _ => throw new SecurityFileException(source, $"revocation list is signed with algorithm {algorithm}; only ECDSA with SHA-256/384 is accepted"),
        };
        using var key = authority.GetECDsaPublicKey()
            ?? throw new SecurityFileException(source, "the CA certificate has no ECDSA key to verify the revocation list with");
        if (!key.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence))
        {
            throw new SecurityFileException(source, $"revocation list signature does not verify against the CA '{authority.Subject}'; it was not issued by this CA or was altered");
        }
    }

    private static RevocationList ReadTbs(AsnReader tbs, X509Certificate2 authority, string source)
    {
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
        {
            tbs.ReadInteger();
        }

        tbs.ReadSequence();
        var issuer = tbs.ReadEncodedValue();
        if (!issuer.Span.SequenceEqual(authority.SubjectName.RawData))
        {
            throw new SecurityFileException(source, $"revocation list is not from the CA '{authority.Subject}'");
        }

        var thisUpdate = ReadTime(tbs);
        if (tbs.HasData && IsTime(tbs.PeekTag()))
        {
            ReadTime(tbs);
        }

        var revoked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var entries = tbs.ReadSequence();
            while (entries.HasData)
            {
                var entry = entries.ReadSequence();
                var serial = SerialNumbers.Normalize(entry.ReadIntegerBytes().Span);
                revoked[serial] = ReadTime(entry);
            }
        }

        var number = BigInteger.Zero;
        if (tbs.HasData && tbs.PeekTag() == ExtensionsTag)
        {
            var extensions = tbs.ReadSequence(ExtensionsTag).ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                {
                    extension.ReadBoolean();
                }

                var value = extension.ReadOctetString();
                if (oid == CrlNumberOid)
                {
                    number = new AsnReader(value, AsnEncodingRules.DER).ReadInteger();
                }
            }
        }

        return new RevocationList(number, thisUpdate, revoked);
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
}
