namespace Provisioner.Controller.Local;

/// <summary>A diff entry inside an <see cref="AgentEventLine"/>.</summary>
internal sealed record AgentDiffLine(string Property, string Before, string After, string? Path);
