using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Controller.Json;

/// <summary>Plain data (null, bool, long, double, string, list, map) as JSON, without reflection.</summary>
public sealed class PlainDataJsonConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return PlainJson.FromElement(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) => PlainJson.Write(writer, value);
}
