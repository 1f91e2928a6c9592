using System.Text.Json.Serialization;

namespace Provisioner.Modules.Docker.Engine;

/// <summary>
/// Source-generated (reflection-free, AOT-safe) JSON for the Docker Engine API. Docker spells most names in
/// PascalCase like the records, errors and progress lines in camelCase: names are matched ignoring case.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(ContainerCreateRequest))]
[JsonSerializable(typeof(CreatedResponse))]
[JsonSerializable(typeof(ConnectRequest))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(DistributionInspect))]
[JsonSerializable(typeof(ProgressLine))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(List<ArchiveManifestEntry>))]
[JsonSerializable(typeof(NetworkInspect))]
[JsonSerializable(typeof(List<NetworkInspect>))]
[JsonSerializable(typeof(NetworkCreateRequest))]
internal sealed partial class DockerJsonContext : JsonSerializerContext;
