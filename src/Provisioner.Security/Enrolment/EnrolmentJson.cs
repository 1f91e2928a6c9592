using System.Text.Json.Serialization;

namespace Provisioner.Security.Enrolment;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(List<EnrolmentTokenEntry>))]
internal sealed partial class EnrolmentJson : JsonSerializerContext;
