namespace Provisioner.Lab.State;

/// <summary>A lab host as created: name, group, fixed address and its container.</summary>
public sealed record LabHostRecord(string Name, string Group, string Address, string Container, string? ContainerId);
