using System.Text;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>
/// Module arguments written on one line: <c>apt: name=nginx state=present</c>, or free-form text for modules that take it
/// (<c>command: ls -l /tmp creates=/x</c>: declared <c>key=value</c> options are taken out, the rest is the command).
/// Quotes group words; <c>{{ ... }}</c> is never split.
/// </summary>
internal static class ShortFormArgs
{
    public sealed record Token(int Start, int End, string Text);

    public sealed record Arg(string Name, string Value, SourceLocation Location);

    /// <summary>Parses <c>key=value</c> pairs; a word without '=' is reported.</summary>
    public static List<Arg> ParseKeyValues(YScalar scalar, string module, Action<SourceLocation, string> error)
    {
        var result = new List<Arg>();
        foreach (var token in Tokenize(scalar.Text))
        {
            var at = At(scalar, token.Start);
            var eq = token.Text.IndexOf('=', StringComparison.Ordinal);
            var raw = scalar.Text[token.Start..token.End];
            if (eq <= 0 || !IsArgumentName(token.Text[..eq]))
            {
                error(at, $"module '{module}' takes a mapping or key=value arguments; '{raw}' is not key=value");
                continue;
            }

            result.Add(new Arg(token.Text[..eq], token.Text[(eq + 1)..], at));
        }

        return result;
    }

    /// <summary>Splits free-form text into the free-form value and the declared options written as key=value inside it.</summary>
    public static (string FreeText, List<Arg> Options) ParseFreeForm(YScalar scalar, ModuleSchema schema)
    {
        var text = scalar.Text;
        var options = new List<Arg>();
        var keep = new StringBuilder();
        var last = 0;
        foreach (var token in Tokenize(text))
        {
            var eq = token.Text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = token.Text[..eq];
            if (IsArgumentName(name) && schema.Find(name) is { } spec && spec.Name != schema.FreeForm)
            {
                options.Add(new Arg(name, token.Text[(eq + 1)..], At(scalar, token.Start)));
                keep.Append(text, last, token.Start - last);
                last = token.End;
                while (last < text.Length && char.IsWhiteSpace(text[last]))
                {
                    last++;
                }
            }
        }

        keep.Append(text, last, text.Length - last);
        return (keep.ToString().Trim(), options);
    }

    /// <summary>Words separated by blanks; quotes (removed) and template braces (kept) group.</summary>
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var start = i;
            var word = new StringBuilder();
            char? quote = null;
            var braces = 0;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quote is null && braces == 0 && char.IsWhiteSpace(c))
                {
                    break;
                }

                if (braces == 0 && quote is null && c is '"' or '\'')
                {
                    quote = c;
                    continue;
                }

                if (quote == c && braces == 0)
                {
                    quote = null;
                    continue;
                }

                if (c == '{' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    braces++;
                    word.Append("{{");
                    i++;
                    continue;
                }

                if (c == '}' && braces > 0 && i + 1 < text.Length && text[i + 1] == '}')
                {
                    braces--;
                    word.Append("}}");
                    i++;
                    continue;
                }

                word.Append(c);
            }

            tokens.Add(new Token(start, i, word.ToString()));
        }

        return tokens;
    }

    // Argument names are identifiers, plus '-' for the Ansible spellings some aliases keep (update-cache).
    private static bool IsArgumentName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static SourceLocation At(YScalar scalar, int offset)
    {
        var start = LoadContext.TextStart(scalar);
        return scalar.Text.Contains('\n', StringComparison.Ordinal) ? start : start with { Column = start.Column + offset };
    }
}
