using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Bootstrap.Tests.Ssh.KnownHosts;

/// <summary>SSH public key blobs in wire format, made up for parsing tests.</summary>
internal static class TestKeys
{
    public static byte[] Blob(string type = "ssh-ed25519")
    {
        var name = Encoding.ASCII.GetBytes(type);
        var key = RandomNumberGenerator.GetBytes(32);
        var blob = new byte[4 + name.Length + 4 + key.Length];
        BinaryPrimitives.WriteUInt32BigEndian(blob, (uint)name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(4 + name.Length), (uint)key.Length);
        key.CopyTo(blob, 8 + name.Length);
        return blob;
    }

    public static string Line(string hosts, byte[] blob, string? marker = null) =>
        $"{(marker is null ? string.Empty : marker + " ")}{hosts} {TypeOf(blob)} {Convert.ToBase64String(blob)}";

    /// <summary>A hashed host field as ssh-keygen -H writes it: |1|base64(salt)|base64(HMAC-SHA1(salt, name)).</summary>
    public static string Hashed(string name)
    {
        var salt = RandomNumberGenerator.GetBytes(20);
#pragma warning disable CA5350 // the known_hosts format
        var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
        return $"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}";
    }

    private static string TypeOf(byte[] blob) => Encoding.ASCII.GetString(blob, 4, (int)BinaryPrimitives.ReadUInt32BigEndian(blob));
}
