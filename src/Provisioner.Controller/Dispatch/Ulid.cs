using System.Security.Cryptography;

namespace Provisioner.Controller.Dispatch;

/// <summary>ULIDs: 26 characters, Crockford base32, sortable by creation time (48-bit milliseconds, then 80 random bits).</summary>
public static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> text = stackalloc char[26];
        for (var i = 9; i >= 0; i--)
        {
            text[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }

        // 80 random bits as 16 characters of 5 bits.
        var bits = new System.Numerics.BigInteger(random, isUnsigned: true, isBigEndian: true);
        for (var i = 25; i >= 10; i--)
        {
            text[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(text);
    }
}
