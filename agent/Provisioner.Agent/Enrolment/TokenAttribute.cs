using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Provisioner.Agent.Enrolment;

/// <summary>
/// The enrolment token travels inside the CSR as its PKCS#9 challengePassword attribute, so the request's own
/// signature binds the token to the key that made it.
/// </summary>
internal static class TokenAttribute
{
    public const string ChallengePasswordOid = "1.2.840.113549.1.9.7";

    public static AsnEncodedData Encode(string token)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteCharacterString(UniversalTagNumber.UTF8String, token);
        return new AsnEncodedData(new Oid(ChallengePasswordOid), writer.Encode());
    }
}
