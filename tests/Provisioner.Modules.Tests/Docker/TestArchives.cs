using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>Writes small archives in `docker save` format: one layer with one file, a config, manifest.json.</summary>
internal static class TestArchives
{
    public sealed record Saved(string Id);

    public static Saved WriteDockerSave(string path, string? tag, bool gzip = false, bool manifestFirst = false)
    {
        var layer = new MemoryStream();
        using (var layerTar = new TarWriter(layer, TarEntryFormat.Pax, leaveOpen: true))
        {
            var hello = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hello\n"u8.ToArray()) };
            layerTar.WriteEntry(hello);
        }

        var layerBytes = layer.ToArray();
        var diffId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(layerBytes));
        var config = Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Cmd":["/bin/sh"]},"rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}""");
        var configHex = Convert.ToHexStringLower(SHA256.HashData(config));
        var tags = tag is null ? "null" : $"[\"{tag}\"]";
        var manifest = Encoding.UTF8.GetBytes($$"""[{"Config":"{{configHex}}.json","RepoTags":{{tags}},"Layers":["layer1/layer.tar"]}]""");

        using (var file = File.Create(path))
        using (var output = gzip ? (Stream)new GZipStream(file, CompressionLevel.Fastest) : file)
        using (var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true))
        {
            var entries = new List<(string Name, byte[] Data)> { ("layer1/layer.tar", layerBytes), ($"{configHex}.json", config), ("manifest.json", manifest) };
            if (manifestFirst)
            {
                entries.Reverse();
            }

            foreach (var (name, data) in entries)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return new Saved("sha256:" + configHex);
    }
}
