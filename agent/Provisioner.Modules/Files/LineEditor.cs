// The pure text edit of lineinfile, with Ansible's rules for where a line goes.
using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Modules.Files;

internal static class LineEditor
{
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The file's text after the edit, and how many lines matched (the ones replaced or removed).</summary>
    public static (string Text, int Found) Edit(LineInFileArgs args, string text)
    {
        var lines = SplitLines(text);
        return args.Present ? (Present(args, lines), 0) : Absent(args, lines);
    }

    private static string Present(LineInFileArgs args, List<string> lines)
    {
        var line = args.Line!;
        var insertAt = Anchor(args.InsertAfter) ?? Anchor(args.InsertBefore);
        var matchIndex = -1;
        var insertIndex = -1;
        Match? match = null;
        var exactLinePresent = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var current = lines[i].TrimEnd('\r', '\n');
            exactLinePresent |= current == line;
            var (found, m) = Matches(args, current);
            if (found)
            {
                (matchIndex, match) = (i, m);
                if (args.FirstMatch)
                {
                    break;
                }
            }
            else if (insertAt is not null && insertAt.IsMatch(current))
            {
                insertIndex = args.InsertAfter is not null ? i + 1 : i;
                if (args.FirstMatch)
                {
                    break;
                }
            }
        }

        var newLine = (args.Backrefs && match is not null ? match.Result(line) : line) + "\n";
        if (matchIndex >= 0)
        {
            lines[matchIndex] = newLine;
        }
        else if (args.Backrefs || ((args.Regexp is not null || args.SearchString is not null) && exactLinePresent))
        {
            // backrefs: no match means no safe line to write. Otherwise the line is already there, only the pattern missed it.
        }
        else if (args.InsertBefore == "BOF" || args.InsertAfter == "BOF")
        {
            lines.Insert(0, newLine);
        }
        else if (insertIndex < 0 || args.InsertAfter == "EOF")
        {
            if (lines.Count > 0 && !lines[^1].EndsWith('\n'))
            {
                lines[^1] += "\n";
            }

            lines.Add(newLine);
        }
        else
        {
            lines.Insert(insertIndex, newLine);
        }

        return string.Concat(lines);
    }

    private static (string Text, int Found) Absent(LineInFileArgs args, List<string> lines)
    {
        var kept = lines.Where(l => !Matches(args, l.TrimEnd('\r', '\n')).Found).ToList();
        return (string.Concat(kept), lines.Count - kept.Count);
    }

    private static (bool Found, Match? Match) Matches(LineInFileArgs args, string current)
    {
        if (args.Regexp is { } regex)
        {
            var m = regex.Match(current);
            return (m.Success, m.Success ? m : null);
        }

        return args.SearchString is { } search
            ? (current.Contains(search, StringComparison.Ordinal), null)
            : (current == args.Line, null);
    }

    private static Regex? Anchor(string? pattern) =>
        pattern is null or "BOF" or "EOF" ? null : new Regex(pattern, RegexOptions.None, RegexTimeout);

    /// <summary>Lines with their endings; the last one may have none.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
