// Reads /proc/PID/smaps: which mappings of a file are read-only and were never written to.
using System.Globalization;

namespace Provisioner.Agent.Memory;

internal static class Smaps
{
    /// <summary>
    /// The read-only private mappings (r--p, r-xp) of <paramref name="path"/> with no anonymous page: every resident
    /// page is still the file's own page, so dropping it loses nothing (the next access reads it again). A mapping
    /// that was written before being made read-only (RELRO: relocated pointers) has anonymous pages and is left out.
    /// </summary>
    public static IReadOnlyList<MappedRange> CleanReadOnlyMappings(IEnumerable<string> smapsLines, string path)
    {
        var clean = new List<MappedRange>();
        MappedRange? candidate = null;
        foreach (var line in smapsLines)
        {
            if (TryParseHeader(line, out var range, out var name))
            {
                candidate = name == path && range.Permissions is "r--p" or "r-xp" ? range : null;
            }
            else if (candidate is { } c && line.StartsWith("Anonymous:", StringComparison.Ordinal))
            {
                if (line.AsSpan("Anonymous:".Length).Trim().StartsWith("0 ", StringComparison.Ordinal))
                {
                    clean.Add(c);
                }

                candidate = null;
            }
        }

        return clean;
    }

    // "55e227751000-55e227fd1000 r-xp 00023000 fe:00 1234  /usr/local/bin/prov-agent"
    private static bool TryParseHeader(string line, out MappedRange range, out string name)
    {
        range = default;
        name = "";
        var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 5 || parts[0].Split('-') is not [var start, var end] || parts[1].Length != 4
            || !long.TryParse(start, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(end, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var to))
        {
            return false;
        }

        range = new MappedRange((nint)from, (nint)to, parts[1]);
        name = parts.Length > 5 ? parts[5].Trim() : "";
        return true;
    }
}
