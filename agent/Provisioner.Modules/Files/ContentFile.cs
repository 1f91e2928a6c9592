// The Get/Compare/Apply of "this path holds exactly these bytes", shared by copy, template and lineinfile.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Files;

internal sealed class ContentFile(IFileSystem fs, TimeProvider time)
{
    public async Task<ContentState> GetAsync(string path, CancellationToken ct)
    {
        var found = Observed.Read(fs, path);
        return found?.Stat.Kind switch
        {
            null or FileKind.Symlink => new ContentState(found, null),
            FileKind.File => new ContentState(found, await fs.ReadAsync(path, ct).ConfigureAwait(false)),
            var kind => throw new ModuleException($"{path} is a {Observed.KindText(kind)}; give the full path of the file to write"),
        };
    }

    public static IReadOnlyList<DiffEntry> Compare(ContentArgs args, ContentState actual)
    {
        var diff = new List<DiffEntry>();
        var found = actual.Found;
        if (found is null || found.Stat.Kind != FileKind.File)
        {
            diff.Add(new DiffEntry("state", Observed.KindText(found?.Stat.Kind), "file") { Path = args.Dest });
            diff.Add(new DiffEntry("content", string.Empty, Text(args.Content.Span)) { Path = args.Dest });
            return diff;
        }

        if (args.Force && !args.Content.Span.SequenceEqual(actual.Content))
        {
            diff.Add(new DiffEntry("content", Text(actual.Content), Text(args.Content.Span)) { Path = args.Dest });
        }

        diff.AddRange(AttributeDiff.Compare(args.Attributes, found));
        return diff;
    }

    public async Task ApplyAsync(ContentArgs args, ContentState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        if (diff.Any(d => d.Property is "content" or "state"))
        {
            if (args.Backup && actual.Found is { Stat.Kind: FileKind.File })
            {
                fs.CopyFile(args.Dest, BackupPath(args.Dest));
            }

            var options = AttributeDiff.WriteOptions(fs, args.Attributes, actual.Found, args.Validate);
            await fs.WriteAtomicAsync(args.Dest, args.Content, options, ct).ConfigureAwait(false);
        }

        var written = Observed.Read(fs, args.Dest) ?? throw new ModuleException($"{args.Dest} vanished while it was being written");
        AttributeDiff.Apply(fs, args.Attributes, written);
    }

    public static IReadOnlyDictionary<string, object?> Returns(string path, ContentState state, string pathKey = "dest")
    {
        var result = PlainData.NewMap();
        result[pathKey] = path;
        if (state.Found is { } found && state.Content is { } content)
        {
            result["checksum"] = Convert.ToHexStringLower(SHA256.HashData(content));
            result["size"] = (long)content.Length;
            result["mode"] = Modes.Octal(found.Stat.Mode);
            result["owner"] = found.OwnerText;
            result["group"] = found.GroupText;
        }

        return result;
    }

    /// <summary>Content as diff text: the whole text when it is UTF-8, else a summary of the bytes.</summary>
    public static string Text(ReadOnlySpan<byte> content)
    {
        if (content.IndexOf((byte)0) < 0)
        {
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                // Not text: summarised below.
            }
        }

        return $"(binary, {content.Length} bytes, sha256 {Convert.ToHexStringLower(SHA256.HashData(content))})";
    }

    private string BackupPath(string path) =>
        $"{path}.{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}~";
}
