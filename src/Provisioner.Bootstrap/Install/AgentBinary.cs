using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Provisioner.Bootstrap.Install;

/// <summary>A local prov-agent executable: where it is, its SHA-256, and the architecture its ELF header names.</summary>
public sealed record AgentBinary(string Path, string Sha256, string RuntimeId, long Length)
{
    private const ushort MachineX64 = 0x3E;
    private const ushort MachineArm64 = 0xB7;

    public static AgentBinary Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        try
        {
            using var stream = File.OpenRead(full);
            var header = new byte[20];
            var runtime = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length ? RuntimeOf(header) : null;
            if (runtime is null)
            {
                throw new BootstrapException(
                    $"{full} is not a 64-bit Linux executable for x86_64 or aarch64; give the published prov-agent (dotnet publish agent/Provisioner.Agent -r linux-x64 -p:PublishAot=true) with --agent-binary");
            }

            stream.Position = 0;
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new AgentBinary(full, hash, runtime, stream.Length);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BootstrapException($"cannot read the agent binary {full}: {ex.Message} (give it with --agent-binary FILE)", ex);
        }
    }

    private static string? RuntimeOf(ReadOnlySpan<byte> header)
    {
        // ELF magic, 64-bit class, little-endian data; e_machine at offset 18.
        if (!header[..4].SequenceEqual("\u007fELF"u8) || header[4] != 2 || header[5] != 1)
        {
            return null;
        }

        return BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) switch
        {
            MachineX64 => "linux-x64",
            MachineArm64 => "linux-arm64",
            _ => null,
        };
    }
}
