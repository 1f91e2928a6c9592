// JSON and YAML text for plain data, used by to_json / to_yaml; System.Text.Json's writer needs no reflection.
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Provisioner.Templating.Sandbox;

internal static class PlainSerializer
{
    private static readonly string[] YamlKeywords = ["null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"];

    public static string ToJson(object? value, bool indented)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static string ToYaml(object? value)
    {
        var sb = new StringBuilder();
        WriteYaml(sb, value, indent: 0);
        return sb.ToString();
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                break;
            case double d:
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteJson(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteYaml(StringBuilder sb, object? value, int indent)
    {
        var pad = new string(' ', indent);
        switch (value)
        {
            case IReadOnlyDictionary<string, object?> { Count: 0 }:
                sb.Append("{}\n");
                break;
            case IReadOnlyList<object?> { Count: 0 }:
                sb.Append("[]\n");
                break;
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (key, item) in map)
                {
                    sb.Append(pad).Append(Scalar(key)).Append(':');
                    WriteNested(sb, item, indent);
                }

                break;
            case IReadOnlyList<object?> list:
                foreach (var item in list)
                {
                    sb.Append(pad).Append('-');
                    WriteNested(sb, item, indent);
                }

                break;
            default:
                sb.Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static void WriteNested(StringBuilder sb, object? item, int indent)
    {
        if (item is IReadOnlyDictionary<string, object?> { Count: > 0 } or IReadOnlyList<object?> { Count: > 0 })
        {
            sb.Append('\n');
            WriteYaml(sb, item, indent + 2);
        }
        else
        {
            sb.Append(' ');
            WriteYaml(sb, item, 0);
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s when IsPlainYamlString(s) => s,
        _ => ToJson(Convert.ToString(value, CultureInfo.InvariantCulture), indented: false),
    };

    private static bool IsPlainYamlString(string s) =>
        s.Length > 0
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-')
        && !char.IsAsciiDigit(s[0]) && s[0] is not ('-' or '.')
        && !YamlKeywords.Contains(s, StringComparer.OrdinalIgnoreCase);
}
