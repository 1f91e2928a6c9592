using System.Text;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Seams;

/// <summary>Splits a command line into words the way a POSIX shell would (quotes and backslashes), without running a shell.</summary>
internal static class CommandLine
{
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    break;
                case '\'':
                    var close = text.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new ModuleException($"unterminated single quote in command line: {text}");
                    }

                    word.Append(text, i + 1, close - i - 1);
                    i = close;
                    inWord = true;
                    break;
                case '"':
                    i = ReadDoubleQuoted(text, i + 1, word);
                    inWord = true;
                    break;
                case '\\' when i + 1 < text.Length:
                    word.Append(text[++i]);
                    inWord = true;
                    break;
                default:
                    word.Append(c);
                    inWord = true;
                    break;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>Quotes a word so that <see cref="Split"/> (or a shell) reads it back unchanged; for messages.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Join(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    private static int ReadDoubleQuoted(string text, int start, StringBuilder word)
    {
        for (var i = start; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    return i;
                case '\\' when i + 1 < text.Length && text[i + 1] is '"' or '\\' or '$' or '`':
                    word.Append(text[++i]);
                    break;
                default:
                    word.Append(text[i]);
                    break;
            }
        }

        throw new ModuleException($"unterminated double quote in command line: {text}");
    }
}
