using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioner.Bootstrap.Enrolment;

/// <summary>
/// Reads the CSR a host returned: its signature must verify, and its challengePassword attribute (signed with it)
/// carries the enrolment token the host was given.
/// </summary>
internal static class EnrolmentRequest
{
    public const string ChallengePasswordOid = "1.2.840.113549.1.9.7";

    public static string ReadToken(string host, string csrPem)
    {
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(csrPem, HashAlgorithmName.SHA256);
        }
        catch (CryptographicException ex)
        {
            throw new EnrolmentException($"{host}: the host's certificate signing request is not valid ({ex.Message}); nothing was signed", ex);
        }

        var attribute = request.OtherRequestAttributes.FirstOrDefault(a => a.Oid?.Value == ChallengePasswordOid)
            ?? throw new EnrolmentException($"{host}: the host's certificate signing request carries no enrolment token; nothing was signed");
        try
        {
            var reader = new AsnReader(attribute.RawData, AsnEncodingRules.DER);
            var tag = reader.PeekTag();
            var kind = tag.TagValue switch
            {
                (int)UniversalTagNumber.PrintableString => UniversalTagNumber.PrintableString,
                _ => UniversalTagNumber.UTF8String,
            };
            return reader.ReadCharacterString(kind);
        }
        catch (Exception ex) when (ex is AsnContentException or ArgumentException)
        {
            throw new EnrolmentException($"{host}: the enrolment token in the certificate signing request cannot be read ({ex.Message}); nothing was signed", ex);
        }
    }
}
