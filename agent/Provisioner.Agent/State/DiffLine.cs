namespace Provisioner.Agent.State;

/// <summary>A diff entry inside a <see cref="RunEventLine"/>.</summary>
internal sealed record DiffLine(string Property, string Before, string After, string? Path);
