namespace Provisioner.Lab;

/// <summary>One host in <c>prov lab status</c>: container state, and whether sshd and the agent port answer.</summary>
public sealed record LabHostStatus(string Name, string Group, string Address, string Container, string ContainerState, bool SshAnswers, bool AgentAnswers);
