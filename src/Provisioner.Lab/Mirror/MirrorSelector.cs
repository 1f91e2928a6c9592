namespace Provisioner.Lab.Mirror;

/// <summary>Picks the Debian archive and security archive out of apt's sources (pure; see <see cref="MirrorDetector"/>).</summary>
internal static class MirrorSelector
{
    public static DebianMirror? Select(IReadOnlyList<AptSource> sources, string suite)
    {
        var usable = sources.Where(s => s.Enabled && s.IsBinary && s.IsHttp && s.Components.Contains("main")).ToList();
        var archive = usable.FirstOrDefault(s => s.Suites.Contains(suite))
            ?? usable.FirstOrDefault(s => !s.Uri.Contains("security", StringComparison.OrdinalIgnoreCase) && s.Suites.Any(x => !x.EndsWith("-security", StringComparison.Ordinal)));
        if (archive is null)
        {
            return null;
        }

        var archiveUri = archive.Uri.TrimEnd('/');
        var hasUpdates = usable.Any(s => s.Uri.TrimEnd('/') == archiveUri && s.Suites.Contains(suite + "-updates"));
        var security = usable.FirstOrDefault(s => s.Suites.Contains(suite + "-security"))
            ?? usable.FirstOrDefault(s => s.Suites.Any(x => x.EndsWith("-security", StringComparison.Ordinal)));
        return new DebianMirror(archiveUri, hasUpdates, security?.Uri.TrimEnd('/'), archive.Origin);
    }

    /// <summary>The mirror given on the command line: only the archive, no updates or security suites.</summary>
    public static DebianMirror FromOption(string uri)
    {
        if (!uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new LabException($"--mirror {uri}: the lab hosts fetch packages through apt-cacher-ng, which needs an http:// mirror URL");
        }

        return new DebianMirror(uri.TrimEnd('/'), HasUpdates: false, Security: null, Origin: "--mirror");
    }
}
