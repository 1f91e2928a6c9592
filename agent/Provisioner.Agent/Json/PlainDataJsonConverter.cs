// Lets source-generated DTOs carry plain data (object?) without reflection.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.Agent.Json;

internal sealed class PlainDataJsonConverter : JsonConverter<object?>
{
    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => PlainJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) => PlainJson.Write(writer, value);
}
