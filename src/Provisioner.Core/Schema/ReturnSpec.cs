namespace Provisioner.Core.Schema;

/// <summary>A value a module returns, available through <c>register</c>.</summary>
public sealed record ReturnSpec(string Name, string Type, string Description);
