// Reads a HostPlan file: protobuf binary, or protobuf JSON when the name ends in .json.
using Google.Protobuf;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Plans;
using Provisioner.Protocol.Mapping;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Agent.Cli;

internal static class PlanFile
{
    public static HostPlan Read(string path)
    {
        try
        {
            var proto = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? JsonParser.Default.Parse<Proto.HostPlan>(File.ReadAllText(path))
                : Proto.HostPlan.Parser.ParseFrom(File.ReadAllBytes(path));
            if (proto.Host.Length == 0)
            {
                throw new InvalidInputException([Diagnostic.Error(new SourceLocation(path, 1, 1), "the plan names no host (field `host`)")]);
            }

            return PlanMapper.FromProto(proto);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new InvalidInputException([Diagnostic.Error(new SourceLocation(path, 1, 1),
                $"not a valid HostPlan ({(path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "protobuf JSON" : "protobuf binary; name a JSON plan *.json")}): {ex.Message}")]);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new InvalidInputException([Diagnostic.Error(new SourceLocation(path, 1, 1), $"cannot read the plan: {ex.Message}")]);
        }
    }
}
