namespace Provisioner.Lab.Mirror;

/// <summary>Reads this machine's apt sources (one-line and deb822) under a root directory, as apt does.</summary>
internal static class MirrorDetector
{
    public static IReadOnlyList<AptSource> ReadSources(string root)
    {
        var sources = new List<AptSource>();
        var etcApt = Path.Combine(root, "etc", "apt");
        var main = Path.Combine(etcApt, "sources.list");
        if (File.Exists(main))
        {
            sources.AddRange(AptSourcesParser.ParseOneLine(File.ReadAllText(main), main));
        }

        var directory = Path.Combine(etcApt, "sources.list.d");
        if (Directory.Exists(directory))
        {
            // apt reads only *.list and *.sources, in lexical order.
            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                if (file.EndsWith(".list", StringComparison.Ordinal))
                {
                    sources.AddRange(AptSourcesParser.ParseOneLine(File.ReadAllText(file), file));
                }
                else if (file.EndsWith(".sources", StringComparison.Ordinal))
                {
                    sources.AddRange(AptSourcesParser.ParseDeb822(File.ReadAllText(file), file));
                }
            }
        }

        return sources;
    }

    public static DebianMirror Detect(string root, string suite)
    {
        var sources = ReadSources(root);
        return MirrorSelector.Select(sources, suite)
            ?? throw new LabException(
                $"no http:// Debian mirror with the 'main' component found in {Path.Combine(root, "etc/apt/sources.list")} or sources.list.d/*.list|*.sources "
                + $"({sources.Count} entries read); pass one with --mirror http://HOST/debian");
    }
}
