namespace Provisioner.Lab.Mirror;

/// <summary>Parses apt's two source formats: one-line <c>sources.list</c> and deb822 <c>*.sources</c>.</summary>
internal static class AptSourcesParser
{
    public static IReadOnlyList<AptSource> ParseOneLine(string text, string path)
    {
        var sources = new List<AptSource>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = StripComment(rawLine).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var words = new List<string>();
            var inOptions = false;
            foreach (var word in line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (words.Count == 1 && !inOptions && word.StartsWith('['))
                {
                    inOptions = !word.EndsWith(']');
                    continue;
                }

                if (inOptions)
                {
                    inOptions = !word.EndsWith(']');
                    continue;
                }

                words.Add(word);
            }

            if (words.Count < 3 || words[0] is not ("deb" or "deb-src"))
            {
                continue;
            }

            sources.Add(new AptSource([words[0]], words[1], [words[2]], words.Skip(3).ToList(), true, $"{path}:{lineNumber}"));
        }

        return sources;
    }

    public static IReadOnlyList<AptSource> ParseDeb822(string text, string path)
    {
        var sources = new List<AptSource>();
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? lastKey = null;
        var stanzaLine = 0;
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            if (char.IsWhiteSpace(line[0]) && lastKey is not null)
            {
                fields[lastKey] += " " + line.Trim();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            if (fields.Count == 0)
            {
                stanzaLine = lineNumber;
            }

            lastKey = line[..colon].Trim();
            fields[lastKey] = line[(colon + 1)..].Trim();
        }

        Flush();
        return sources;

        void Flush()
        {
            if (fields.Count > 0)
            {
                var enabled = !fields.TryGetValue("Enabled", out var e) || !e.Trim().Equals("no", StringComparison.OrdinalIgnoreCase);
                var types = Words(fields, "Types");
                foreach (var uri in Words(fields, "URIs"))
                {
                    sources.Add(new AptSource(types, uri, Words(fields, "Suites"), Words(fields, "Components"), enabled, $"{path}:{stanzaLine}"));
                }
            }

            fields.Clear();
            lastKey = null;
        }
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? line : line[..hash];
    }

    private static List<string> Words(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var value)
            ? value.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList()
            : [];
}
