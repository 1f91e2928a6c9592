using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using Provisioner.Lab.Tests.EndToEnd;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>
/// A tiny Docker image made on the fly, since no registry can be reached: Debian's static busybox in one layer, a
/// page and a CGI script that prints $GREETING, served by <c>busybox httpd</c> on port 80. Written in
/// <c>docker save</c> format (manifest.json, config, layer) so that the Engine API's image load takes it.
/// </summary>
internal static class BusyboxImage
{
    public const string Page = "prov lab busybox\n";

    public sealed record Archive(byte[] Bytes, string Id);

    /// <summary>Builds the archive from the busybox-static package (a .deb) fetched by a lab host through the lab's proxy.</summary>
    public static async Task<Archive> BuildAsync(LabHost host, string workDirectory, string tag)
    {
        await host.MustAsync("cd /root && rm -f busybox-static_*.deb && timeout 120 apt-get download busybox-static", TimeSpan.FromMinutes(3));
        var deb = Path.Combine(workDirectory, "busybox-static.deb");
        var name = await host.MustAsync("ls /root/busybox-static_*.deb");
        var (fetched, fetchOutput) = await Tool.RunAsync(
            "scp",
            ["-i", SharedLab.KeyPath, "-o", "UserKnownHostsFile=" + SharedLab.KnownHostsPath,
             "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-q", $"root@{host.Address}:{name}", deb],
            TimeSpan.FromMinutes(1));
        Assert.That(fetched, Is.Zero, fetchOutput);
        var root = Path.Combine(workDirectory, "rootfs");
        var (extracted, extractOutput) = await Tool.RunAsync("dpkg-deb", ["-x", deb, root], TimeSpan.FromMinutes(1));
        Assert.That(extracted, Is.Zero, extractOutput);
        var busybox = await File.ReadAllBytesAsync(Path.Combine(root, "bin", "busybox"));
        return Write(busybox, tag);
    }

    private static Archive Write(byte[] busybox, string tag)
    {
        const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
        const UnixFileMode Readable = (UnixFileMode)0b110_100_100;
        var layer = new MemoryStream();
        using (var tar = new TarWriter(layer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var directory in new[] { "bin/", "www/", "www/cgi-bin/" })
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory) { Mode = Executable });
            }

            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bin/busybox") { Mode = Executable, DataStream = new MemoryStream(busybox) });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "bin/sh") { LinkName = "busybox" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "www/index.html") { Mode = Readable, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Page)) });
            var cgi = "#!/bin/sh\necho 'Content-Type: text/plain'\necho\necho \"$GREETING\"\n";
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "www/cgi-bin/greeting") { Mode = Executable, DataStream = new MemoryStream(Encoding.UTF8.GetBytes(cgi)) });
        }

        var layerBytes = layer.ToArray();
        var layerHex = Convert.ToHexStringLower(SHA256.HashData(layerBytes));
        var config = Encoding.UTF8.GetBytes(
            $$$$"""{"architecture":"amd64","os":"linux","created":"2024-01-01T00:00:00Z","config":{"Env":["PATH=/bin"],"Cmd":["/bin/busybox","httpd","-f","-p","80","-h","/www"],"ExposedPorts":{"80/tcp":{}}},"rootfs":{"type":"layers","diff_ids":["sha256:{{{{layerHex}}}}"]}}""");
        var configHex = Convert.ToHexStringLower(SHA256.HashData(config));
        var manifest = Encoding.UTF8.GetBytes($$"""[{"Config":"{{configHex}}.json","RepoTags":["{{tag}}"],"Layers":["{{layerHex}}/layer.tar"]}]""");

        var archive = new MemoryStream();
        using (var tar = new TarWriter(archive, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, layerHex + "/") { Mode = Executable });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{layerHex}/layer.tar") { Mode = Readable, DataStream = new MemoryStream(layerBytes) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, configHex + ".json") { Mode = Readable, DataStream = new MemoryStream(config) });
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "manifest.json") { Mode = Readable, DataStream = new MemoryStream(manifest) });
        }

        return new Archive(archive.ToArray(), "sha256:" + configHex);
    }
}
