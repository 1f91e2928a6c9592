using System.Text;
using System.Text.RegularExpressions;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Host-pattern matchers: shell globs (<c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[!abc]</c>) matching the whole
/// name, as Python's fnmatch, and <c>~regex</c> matching from the start of the name, as Python's re.match.
/// </summary>
internal static class GlobPattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Builds the matcher for one term (without its &amp; or ! prefix). Throws <see cref="ArgumentException"/> for a bad regex.</summary>
    public static Regex Compile(string term) =>
        term.StartsWith('~')
            ? new Regex(@"\A(?:" + term[1..] + ")", RegexOptions.CultureInvariant, MatchTimeout)
            : new Regex(@"\A(?s:" + Translate(term) + @")\z", RegexOptions.CultureInvariant, MatchTimeout);

    /// <summary>True if the term has glob or regex syntax, so it may also match host names when it matched groups.</summary>
    public static bool IsWildcard(string term) => term.StartsWith('~') || term.AsSpan().IndexOfAny(".?*[") >= 0;

    private static string Translate(string glob)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < glob.Length)
        {
            var c = glob[i++];
            switch (c)
            {
                case '*':
                    while (i < glob.Length && glob[i] == '*')
                    {
                        i++;
                    }

                    result.Append(".*");
                    break;
                case '?':
                    result.Append('.');
                    break;
                case '[':
                    i = TranslateClass(glob, i, result);
                    break;
                default:
                    result.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return result.ToString();
    }

    // After '[' at i: a class up to the next ']' (a ']' first is literal); no closing bracket makes '[' literal.
    private static int TranslateClass(string glob, int i, StringBuilder result)
    {
        var j = i;
        if (j < glob.Length && glob[j] == '!')
        {
            j++;
        }

        if (j < glob.Length && glob[j] == ']')
        {
            j++;
        }

        while (j < glob.Length && glob[j] != ']')
        {
            j++;
        }

        if (j >= glob.Length)
        {
            result.Append(@"\[");
            return i;
        }

        var body = glob[i..j].Replace(@"\", @"\\", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal);
        if (body.Length == 0)
        {
            result.Append("(?!)");
        }
        else if (body == "!")
        {
            result.Append('.');
        }
        else
        {
            body = body[0] == '!' ? "^" + body[1..] : body[0] == '^' ? @"\" + body : body;
            result.Append('[').Append(body).Append(']');
        }

        return j + 1;
    }
}
