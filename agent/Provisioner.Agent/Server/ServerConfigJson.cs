using System.Text.Json.Serialization;

namespace Provisioner.Agent.Server;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    IgnoreReadOnlyProperties = true)]
[JsonSerializable(typeof(ServerConfig))]
internal sealed partial class ServerConfigJson : JsonSerializerContext;
