using System.Globalization;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Expands host keys written with Ansible ranges: <c>web[01:03]</c> → web01, web02, web03;
/// <c>node-[a:c]</c>; a step as in <c>[1:9:2]</c>; several ranges in one name. An optional
/// <c>:PORT</c> suffix (<c>web1:2222</c>) sets the port as Ansible does.
/// </summary>
internal static class HostRange
{
    /// <summary>More hosts than this from one key is almost certainly a typo, not a fleet.</summary>
    public const int MaxHosts = 100_000;

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Splits off a trailing <c>:PORT</c>; returns null for the port when there is none.</summary>
    public static (string Pattern, int? Port) SplitPort(string key)
    {
        var colon = key.LastIndexOf(':');
        if (colon <= 0 || colon == key.Length - 1 || key.AsSpan(colon + 1).ContainsAnyExceptInRange('0', '9')
            || !NoColonOutsideBrackets(key.AsSpan(0, colon)))
        {
            return (key, null);
        }

        return int.TryParse(key.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (key[..colon], port)
            : (key, null);
    }

    // "web[1:2]" may carry a port; "fe80::1" or "web[1:2" may not (an IPv6 address, an unclosed range).
    private static bool NoColonOutsideBrackets(ReadOnlySpan<char> host)
    {
        var depth = 0;
        foreach (var c in host)
        {
            depth += c switch { '[' => 1, ']' => -1, _ => 0 };
            if (depth < 0 || (c == ':' && depth == 0))
            {
                return false;
            }
        }

        return depth == 0;
    }

    /// <summary>Expands every <c>[begin:end(:step)]</c>; throws <see cref="FormatException"/> with a user-facing message.</summary>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        var result = new List<string>();
        try
        {
            Expand(pattern, result);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"invalid host range in '{pattern}': {ex.Message}", ex);
        }

        return result;
    }

    private static void Expand(string pattern, List<string> result)
    {
        var open = pattern.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            result.Add(pattern);
            return;
        }

        var close = pattern.IndexOf(']', open);
        if (close < 0)
        {
            throw new FormatException("'[' has no closing ']'");
        }

        var head = pattern[..open];
        var tail = pattern[(close + 1)..];
        foreach (var item in Sequence(pattern[(open + 1)..close]))
        {
            Expand(head + item + tail, result);
            if (result.Count > MaxHosts)
            {
                throw new FormatException($"it expands to more than {MaxHosts:N0} hosts");
            }
        }
    }

    private static IEnumerable<string> Sequence(string range)
    {
        var bounds = range.Split(':');
        if (bounds.Length is not (2 or 3))
        {
            throw new FormatException($"write [begin:end] or [begin:end:step], not [{range}]");
        }

        var begin = bounds[0].Length == 0 ? "0" : bounds[0];
        var end = bounds[1];
        if (end.Length == 0)
        {
            throw new FormatException($"[{range}] needs an end value");
        }

        var step = bounds.Length == 3 ? ParseInt(bounds[2], range) : 1;
        if (step <= 0)
        {
            throw new FormatException($"[{range}] needs a positive step");
        }

        if (begin.Length == 1 && end.Length == 1 && Letters.Contains(begin[0]) && Letters.Contains(end[0]))
        {
            var (b, e) = (Letters.IndexOf(begin[0]), Letters.IndexOf(end[0]));
            if (b > e)
            {
                throw new FormatException($"[{range}] must not begin after its end");
            }

            for (var i = b; i <= e; i += step)
            {
                yield return Letters[i].ToString();
            }

            yield break;
        }

        // A leading zero fixes the width: [01:10] gives 01..10, so begin and end must be written alike.
        var width = begin[0] == '0' && begin.Length > 1 ? begin.Length : 0;
        if (width > 0 && end.Length != width)
        {
            throw new FormatException($"[{range}] must write begin and end with the same number of digits");
        }

        var (from, to) = (ParseInt(begin, range), ParseInt(end, range));
        if (from > to)
        {
            throw new FormatException($"[{range}] must not begin after its end");
        }

        for (long i = from; i <= to; i += step)
        {
            yield return i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        }
    }

    private static int ParseInt(string text, string range) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"[{range}] must use numbers or single letters, not '{text}'");
}
