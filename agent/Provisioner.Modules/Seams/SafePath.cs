using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Seams;

/// <summary>The path rules of every file operation: absolute, no <c>..</c> or <c>.</c> segments, no symlinked parent directory.</summary>
internal static class SafePath
{
    public static void Check(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            throw new ModuleException($"refusing path '{path}': it must be absolute");
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ModuleException($"refusing path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}': it contains a NUL character");
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s is ".." or "."))
        {
            throw new ModuleException($"refusing path '{path}': it contains a '..' or '.' segment; write the path without it");
        }

        var current = string.Empty;
        foreach (var segment in segments.SkipLast(1))
        {
            current += "/" + segment;
            var stat = LibC.LStat(current);
            if (stat is null)
            {
                return;
            }

            if (stat.Kind == FileKind.Symlink)
            {
                var real = Path.Combine(ResolveReal(current), Path.GetRelativePath(current, path));
                throw new ModuleException(
                    $"refusing path '{path}': its parent directory {current} is a symbolic link (to {stat.LinkTarget}); use the real path '{real}'");
            }
        }
    }

    private static string ResolveReal(string link) =>
        new DirectoryInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
}
