// Pure parsers of dpkg-query, apt-cache policy and apt-get simulation output.
namespace Provisioner.Modules.Packages;

internal static class AptOutput
{
    /// <summary>The dpkg-query format these parsers expect.</summary>
    public const string DpkgQueryFormat = "${Package}\t${Status}\t${Version}\n";

    /// <summary>Installed packages (and ones with only configuration files left) from dpkg-query output.</summary>
    public static IReadOnlyDictionary<string, InstalledPackage> ParseDpkgQuery(string output)
    {
        var result = new Dictionary<string, InstalledPackage>(StringComparer.Ordinal);
        foreach (var fields in output.Split('\n').Select(l => l.Split('\t')).Where(f => f.Length >= 3))
        {
            var status = fields[1].Split(' ');
            var state = status.Length == 3 ? status[2] : string.Empty;
            if (state is "installed" or "config-files" or "half-configured" or "unpacked")
            {
                result[fields[0]] = new InstalledPackage(fields[0], fields[2], state == "config-files");
            }
        }

        return result;
    }

    /// <summary>Candidate versions from apt-cache policy output; packages without a candidate are left out.</summary>
    public static IReadOnlyDictionary<string, string> ParseCandidates(string output)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in output.Split('\n'))
        {
            if (line.Length > 0 && !char.IsWhiteSpace(line[0]) && line.EndsWith(':'))
            {
                current = line[..^1];
            }
            else if (current is not null && line.TrimStart().StartsWith("Candidate:", StringComparison.Ordinal))
            {
                var candidate = line.Trim()["Candidate:".Length..].Trim();
                if (candidate != "(none)")
                {
                    result[current] = candidate;
                }
            }
        }

        return result;
    }

    /// <summary>Packages an <c>apt-get -s autoremove</c> would remove ("Remv name [version]").</summary>
    public static IReadOnlyList<string> ParseSimulatedRemovals(string output) =>
        output.Split('\n').Where(l => l.StartsWith("Remv ", StringComparison.Ordinal)).Select(l => l.Split(' ')[1]).ToList();
}
