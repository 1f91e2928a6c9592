using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>An SSH public key in wire format (RFC 4253 6.6): starts with its type as an SSH string.</summary>
internal static class SshKeyBlob
{
    /// <summary>The key type (<c>ssh-ed25519</c>, <c>ssh-rsa</c>, <c>ecdsa-sha2-nistp256</c>, ...) or null when the blob is malformed.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 4)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length == 0 || length > 64 || length > blob.Length - 4)
        {
            return null;
        }

        var type = blob.Slice(4, (int)length);
        foreach (var b in type)
        {
            if (b is < 0x21 or > 0x7e)
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(type);
    }

    /// <summary>The fingerprint as ssh-keygen -l prints it: <c>SHA256:</c> and unpadded base64.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> blob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');
}
