namespace Provisioner.Controller.Dispatch;

/// <summary>What an agent says about itself. An empty <see cref="Modules"/> means "not reported" (no check is made).</summary>
public sealed record AgentCapabilities(string AgentVersion, uint ProtocolVersion, IReadOnlyList<string> Modules, string Host);
