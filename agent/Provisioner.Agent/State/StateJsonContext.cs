using System.Text.Json.Serialization;

namespace Provisioner.Agent.State;

/// <summary>Source-generated (reflection-free, AOT-safe) JSON for everything the agent persists.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false)]
[JsonSerializable(typeof(RunRecord))]
[JsonSerializable(typeof(RunEventLine))]
[JsonSerializable(typeof(PendingHandlers))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
