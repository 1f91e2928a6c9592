using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Provisioner.Cli.Commands.Inventory;

/// <summary>
/// Writes plain data as ansible-inventory prints JSON (Python's json.dumps with sort_keys, indent=4,
/// ensure_ascii=False): keys sorted, floats as Python writes them, strings escaped as Python escapes them.
/// </summary>
internal static class AnsibleJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 4,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(object? value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, object? value, bool inArray = false)
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
            case double d:
                WriteRaw(writer, PythonFloat.Format(d), inArray);
                break;
            case string s:
                WriteRaw(writer, Quote(s), inArray);
                break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, map[key]);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item, inArray: true);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"not plain data: {value.GetType().Name}", nameof(value));
        }
    }

    // Utf8JsonWriter writes raw values as given, without the line break and indentation it puts before other
    // array items; add them so the layout stays json.dumps(indent=4)'s.
    private static void WriteRaw(Utf8JsonWriter writer, string json, bool inArray)
    {
        var text = inArray ? "\n" + new string(' ', Options.IndentSize * writer.CurrentDepth) + json : json;
        writer.WriteRawValue(text, skipInputValidation: true);
    }

    // Python's json escapes only '"', '\' and control characters; everything else is written as is.
    private static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                '\b' => sb.Append("\\b"),
                '\f' => sb.Append("\\f"),
                < ' ' => sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
