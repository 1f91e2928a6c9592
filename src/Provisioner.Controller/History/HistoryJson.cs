using System.Text.Json.Serialization;
using Provisioner.Controller.Reporting;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.History;

/// <summary>Source-generated JSON for the history's JSON columns.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<HostRecap>))]
[JsonSerializable(typeof(List<DiffEntry>))]
internal sealed partial class HistoryJson : JsonSerializerContext;
