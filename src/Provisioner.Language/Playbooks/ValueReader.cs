using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Playbooks;

/// <summary>Reads keyword values of the types the language allows; a value of the wrong type is reported and read as absent.</summary>
internal sealed class ValueReader(LoadContext context)
{
    public bool? Bool(string keyword, YNode node)
    {
        switch (node)
        {
            case YScalar { Value: bool b }:
                return b;
            case YScalar { Value: string s } when s.Contains("{{", StringComparison.Ordinal):
                context.Diagnostics.Error(node.Location, $"'{keyword}' must be true or false; templated values are not supported here yet");
                return null;
            case YScalar { Value: string s } when PlainBool(s) is { } parsed:
                return parsed;
            default:
                context.Diagnostics.Error(node.Location, $"'{keyword}' must be true or false, not {Describe(node)}");
                return null;
        }
    }

    /// <summary>A scalar read as text (numbers and booleans as written); templated strings are recorded.</summary>
    public string? String(string keyword, YNode node, bool template = true)
    {
        if (node is YScalar { IsNull: false } s)
        {
            if (template)
            {
                context.AddTemplate(s, isExpression: false);
            }

            return s.Text;
        }

        context.Diagnostics.Error(node.Location, $"'{keyword}' must be a string, not {Describe(node)}");
        return null;
    }

    public string? Identifier(string keyword, YNode node)
    {
        var text = String(keyword, node, template: false);
        if (text is null)
        {
            return null;
        }

        if (!IsIdentifier(text))
        {
            context.Diagnostics.Error(node.Location, $"'{keyword}' must be a variable name (letters, digits and _, not starting with a digit), not '{text}'");
            return null;
        }

        context.DefinedNames.Add(text);
        return text;
    }

    /// <summary>A string or a list of strings; <paramref name="splitCommas"/> splits "a,b" (tags).</summary>
    public IReadOnlyList<string> StringList(string keyword, YNode node, bool splitCommas = false)
    {
        IEnumerable<YNode> items = node is YSequence seq ? seq.Items : [node];
        var result = new List<string>();
        foreach (var item in items)
        {
            if (item is not YScalar { IsNull: false } s)
            {
                context.Diagnostics.Error(item.Location, $"'{keyword}' must be a string or a list of strings, not {(node is YSequence ? "a list holding " : string.Empty)}{Describe(item)}");
                continue;
            }

            result.AddRange(splitCommas
                ? s.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [s.Text]);
        }

        return result;
    }

    /// <summary><c>when</c>, <c>changed_when</c>, <c>failed_when</c>: an expression, a boolean, or a list of them.</summary>
    public IReadOnlyList<string> Conditions(string keyword, YNode node)
    {
        IEnumerable<YNode> items = node is YSequence seq ? seq.Items : [node];
        var result = new List<string>();
        foreach (var item in items)
        {
            switch (item)
            {
                case YScalar { Value: bool b }:
                    result.Add(b ? "true" : "false");
                    break;
                case YScalar { Value: string text } s:
                    context.AddTemplate(s, isExpression: true);
                    result.Add(text);
                    break;
                default:
                    context.Diagnostics.Error(item.Location, $"'{keyword}' must be an expression, a boolean or a list of them, not {Describe(item)}");
                    break;
            }
        }

        return result;
    }

    public int? NonNegativeInt(string keyword, YNode node)
    {
        if (node is YScalar { Value: long l } && l is >= 0 and <= int.MaxValue)
        {
            return (int)l;
        }

        context.Diagnostics.Error(node.Location, $"'{keyword}' must be a whole number of 0 or more, not {Describe(node)}");
        return null;
    }

    public double? NonNegativeNumber(string keyword, YNode node)
    {
        var value = node is YScalar s ? s.Value : null;
        if (value is long or double && Convert.ToDouble(value, CultureInfo.InvariantCulture) is var d && d >= 0)
        {
            return d;
        }

        context.Diagnostics.Error(node.Location, $"'{keyword}' must be a number of 0 or more, not {Describe(node)}");
        return null;
    }

    /// <summary>A <c>vars:</c> mapping: names must be identifiers; values are recorded as templates and their names as defined.</summary>
    public IReadOnlyDictionary<string, object?> Vars(string keyword, YNode node)
    {
        if (node is YScalar { IsNull: true })
        {
            return PlainData.NewMap();
        }

        if (node is not YMapping map)
        {
            context.Diagnostics.Error(node.Location, $"'{keyword}' must be a mapping of variable names to values, not {Describe(node)}");
            return PlainData.NewMap();
        }

        var result = PlainData.NewMap();
        foreach (var (key, value) in map.Entries)
        {
            if (!IsIdentifier(key.Text))
            {
                context.Diagnostics.Error(key.Location, $"'{key.Text}' is not a valid variable name (letters, digits and _, not starting with a digit)");
                continue;
            }

            context.DefinedNames.Add(key.Text);
            context.AddTemplates(value);
            result[key.Text] = YamlConvert.ToPlain(value);
        }

        return result;
    }

    public YSequence? List(string keyword, YNode node)
    {
        switch (node)
        {
            case YSequence seq:
                return seq;
            case YScalar { IsNull: true }:
                return new YSequence(node.Location, []);
            default:
                context.Diagnostics.Error(node.Location, $"'{keyword}' must be a list, not {Describe(node)}");
                return null;
        }
    }

    public static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    public static string Describe(YNode node) => node switch
    {
        YScalar { Value: string s } => $"a string ('{Shorten(s)}')",
        YScalar { Value: null } => "empty",
        YScalar s => $"{s.KindName} ({s.Text})",
        _ => node.KindName,
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    private static bool? PlainBool(string s) => s.ToLowerInvariant() switch
    {
        "yes" or "true" or "on" => true,
        "no" or "false" or "off" => false,
        _ => null,
    };
}
