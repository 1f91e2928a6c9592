namespace Provisioner.Controller.Transport;

/// <summary>What an agent says about itself (GetCapabilities).</summary>
public sealed record AgentInfo(string AgentVersion, uint ProtocolVersion, IReadOnlyList<string> Modules, string Host);
