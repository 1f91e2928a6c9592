using System.Security.Cryptography;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests;

/// <summary>A scratch directory under the temp dir, removed on dispose; and snapshots of everything below it.</summary>
internal sealed class Scratch : IDisposable
{
    public Scratch()
    {
        Root = Path.Combine(Path.GetTempPath(), "prov-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string this[string relative] => Path.Combine(Root, relative);

    /// <summary>Every entry below the root: kind, mode, owner, content hash or link target; equal snapshots mean nothing changed.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(Root, result);
        return result;
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void Walk(string directory, SortedDictionary<string, string> result)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            var stat = LibC.LStat(entry)!;
            var detail = stat.Kind switch
            {
                FileKind.File => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry))),
                FileKind.Symlink => stat.LinkTarget,
                _ => string.Empty,
            };
            result[entry] = $"{stat.Kind} {Convert.ToString(stat.Mode, 8)} {stat.Uid}:{stat.Gid} {detail}";
            if (stat.Kind == FileKind.Directory)
            {
                Walk(entry, result);
            }
        }
    }
}
