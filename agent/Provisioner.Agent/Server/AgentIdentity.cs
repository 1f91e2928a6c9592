namespace Provisioner.Agent.Server;

/// <summary>What this agent tells the controller about itself: its host name (from its certificate) and modules.</summary>
internal sealed record AgentIdentity(string Host, IReadOnlyList<string> Modules);
