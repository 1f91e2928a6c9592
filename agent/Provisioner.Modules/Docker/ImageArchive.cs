// What a `docker save` archive holds, read without loading it: the image id (sha256 of its config) and its tags.
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker.Engine;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Docker;

internal sealed record ImageArchive(string Id, IReadOnlyList<string> RepoTags)
{
    /// <summary>Reads the archive at <paramref name="path"/> (tar, or gzip-compressed tar): manifest.json, then the config it names.</summary>
    public static async Task<ImageArchive> ReadAsync(IFileSystem fs, string path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fs);
        if (fs.Stat(path) is not { Kind: FileKind.File })
        {
            throw new ModuleException($"load_path {path}: no such file on this host; copy the archive there first (copy module), or fix the path");
        }

        List<ArchiveManifestEntry>? manifest = null;
        await ForEachEntryAsync(fs, path, async (name, data) =>
        {
            if (name == "manifest.json")
            {
                manifest = await JsonSerializer.DeserializeAsync(data, DockerJsonContext.Default.ListArchiveManifestEntry, ct).ConfigureAwait(false);
                return true;
            }

            return false;
        }, ct).ConfigureAwait(false);

        if (manifest is not [var image, ..])
        {
            throw new ModuleException($"load_path {path}: not a `docker save` archive (no manifest.json naming an image)");
        }

        if (manifest.Count > 1)
        {
            throw new ModuleException($"load_path {path}: the archive holds {manifest.Count} images; save one image per archive");
        }

        string? id = null;
        await ForEachEntryAsync(fs, path, async (name, data) =>
        {
            if (name == image.Config)
            {
                id = "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(data, ct).ConfigureAwait(false));
                return true;
            }

            return false;
        }, ct).ConfigureAwait(false);

        return new ImageArchive(
            id ?? throw new ModuleException($"load_path {path}: the image config {image.Config} named in manifest.json is not in the archive"),
            image.RepoTags ?? []);
    }

    /// <summary>Opens the archive for loading, decompressed by the daemon itself.</summary>
    public static Task<Stream> OpenAsync(IFileSystem fs, string path, CancellationToken ct) => fs.OpenReadAsync(path, ct);

    private static async Task ForEachEntryAsync(IFileSystem fs, string path, Func<string, Stream, Task<bool>> visit, CancellationToken ct)
    {
        var file = await fs.OpenReadAsync(path, ct).ConfigureAwait(false);
        await using (file.ConfigureAwait(false))
        {
            var magic = new byte[2];
            var read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            file.Position = 0;
            var stream = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            try
            {
                using var tar = new TarReader(stream, leaveOpen: true);
                while (await tar.GetNextEntryAsync(copyData: false, ct).ConfigureAwait(false) is { } entry)
                {
                    var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
                    if (entry.DataStream is { } data && await visit(name, data).ConfigureAwait(false))
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or JsonException)
            {
                throw new ModuleException($"load_path {path}: not a readable tar archive ({e.Message})", e);
            }
            finally
            {
                if (!ReferenceEquals(stream, file))
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }
}
