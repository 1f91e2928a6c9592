using System.Globalization;
using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Yaml;

/// <summary>A scalar; <see cref="Quoted"/> scalars are always strings, plain ones resolve to null, bool, int or float.</summary>
public sealed record YScalar(SourceLocation Location, string Text, bool Quoted, string? Tag) : YNode(Location)
{
    public override string KindName => Value switch
    {
        null => "null",
        bool => "a boolean",
        long or double => "a number",
        _ => "a string",
    };

    /// <summary>The resolved plain value: YAML 1.1 booleans (yes/no/on/off) as Ansible users expect.</summary>
    public object? Value => Resolve(Text, Quoted, Tag);

    public bool IsNull => Value is null;

    private static object? Resolve(string text, bool quoted, string? tag)
    {
        if (tag is "tag:yaml.org,2002:str" or "!")
        {
            return text;
        }

        if (quoted)
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON":
                return true;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF":
                return false;
        }

        if (LooksNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return l;
            }

            if (text.StartsWith("0x", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                return hex;
            }

            if (text.StartsWith("0o", StringComparison.Ordinal))
            {
                try
                {
                    return Convert.ToInt64(text[2..], 8);
                }
                catch (FormatException)
                {
                    return text;
                }
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d))
            {
                return d;
            }
        }

        return text;
    }

    // A leading zero keeps "0644" a string: modes must not turn into decimal 644.
    private static bool LooksNumeric(string text) =>
        text.Length > 0
        && (char.IsAsciiDigit(text[0]) || ((text[0] is '-' or '+' or '.') && text.Length > 1))
        && !(text.Length > 1 && text[0] == '0' && char.IsAsciiDigit(text[1]));
}
