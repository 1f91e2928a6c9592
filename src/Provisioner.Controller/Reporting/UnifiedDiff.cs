using System.Globalization;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// Unified diffs (<c>diff -u</c> shape, 3 lines of context) between two texts. Common leading and trailing lines are
/// set aside first; the rest is compared line by line (longest common subsequence) unless it is too large, in which
/// case it is shown as replaced.
/// </summary>
public static class UnifiedDiff
{
    private const int Context = 3;
    private const long MaxCells = 4_000_000;

    private enum Op
    {
        Same,
        Removed,
        Added,
    }

    public static IReadOnlyList<string> Render(string before, string after, string fromLabel, string toLabel)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Lines(before);
        var b = Lines(after);
        var edits = Edits(a, b);
        var lines = new List<string> { "--- " + fromLabel, "+++ " + toLabel };
        foreach (var (start, end) in Hunks(edits))
        {
            int oldStart = 1, newStart = 1;
            for (var i = 0; i < start; i++)
            {
                oldStart += edits[i].Op != Op.Added ? 1 : 0;
                newStart += edits[i].Op != Op.Removed ? 1 : 0;
            }

            var slice = edits.GetRange(start, end - start);
            var oldCount = slice.Count(e => e.Op != Op.Added);
            var newCount = slice.Count(e => e.Op != Op.Removed);
            lines.Add($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@");
            lines.AddRange(slice.Select(e => (e.Op switch { Op.Removed => "-", Op.Added => "+", _ => " " }) + e.Line));
        }

        return lines;
    }

    private static string Range(int start, int count) => count switch
    {
        1 => start.ToString(CultureInfo.InvariantCulture),
        0 => $"{start - 1},0",
        _ => $"{start},{count}",
    };

    private static string[] Lines(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }

    private static List<(Op Op, string Line)> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var edits = a.Take(prefix).Select(l => (Op.Same, l)).ToList();
        var oldMiddle = a[prefix..(a.Length - suffix)];
        var newMiddle = b[prefix..(b.Length - suffix)];
        if ((long)oldMiddle.Length * newMiddle.Length > MaxCells)
        {
            edits.AddRange(oldMiddle.Select(l => (Op.Removed, l)));
            edits.AddRange(newMiddle.Select(l => (Op.Added, l)));
        }
        else
        {
            edits.AddRange(Lcs(oldMiddle, newMiddle));
        }

        edits.AddRange(a.Skip(a.Length - suffix).Select(l => (Op.Same, l)));
        return edits;
    }

    private static List<(Op Op, string Line)> Lcs(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var result = new List<(Op, string)>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                result.Add((Op.Same, a[x]));
                x++;
                y++;
            }
            else if (lengths[x + 1, y] >= lengths[x, y + 1])
            {
                result.Add((Op.Removed, a[x++]));
            }
            else
            {
                result.Add((Op.Added, b[y++]));
            }
        }

        result.AddRange(a.Skip(x).Select(l => (Op.Removed, l)));
        result.AddRange(b.Skip(y).Select(l => (Op.Added, l)));
        return result;
    }

    /// <summary>Ranges of the edit list to print: each change with up to 3 unchanged lines around it, close ones merged.</summary>
    private static List<(int Start, int End)> Hunks(List<(Op Op, string Line)> edits)
    {
        var hunks = new List<(int Start, int End)>();
        for (var i = 0; i < edits.Count; i++)
        {
            if (edits[i].Op == Op.Same)
            {
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = Math.Min(edits.Count, i + Context + 1);
            if (hunks.Count > 0 && start <= hunks[^1].End)
            {
                hunks[^1] = (hunks[^1].Start, end);
            }
            else
            {
                hunks.Add((start, end));
            }
        }

        return hunks;
    }
}
