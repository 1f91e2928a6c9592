// Certificate serial numbers: generated at random, compared in one normal form.
using System.Security.Cryptography;

namespace Provisioner.Security.Certificates;

internal static class SerialNumbers
{
    /// <summary>16 random bytes, first byte 0x01-0x7f: positive, no leading zero, same length every time.</summary>
    public static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01);
        return serial;
    }

    /// <summary>Upper-case hex of the big-endian magnitude, without leading zero bytes.</summary>
    public static string Normalize(ReadOnlySpan<byte> bigEndian)
    {
        var start = 0;
        while (start < bigEndian.Length - 1 && bigEndian[start] == 0)
        {
            start++;
        }

        return Convert.ToHexString(bigEndian[start..]);
    }

    /// <summary>Normal form of a hex serial as printed by <c>prov ca list</c> or openssl (colons allowed).</summary>
    public static string? NormalizeHex(string hex)
    {
        var digits = hex.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (digits.Length == 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        if (digits.Length % 2 == 1)
        {
            digits = "0" + digits;
        }

        return Normalize(Convert.FromHexString(digits));
    }
}
