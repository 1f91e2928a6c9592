namespace Provisioner.Modules.Docker;

/// <summary>The docker_network module's arguments; <see cref="Subnet"/> and <see cref="Gateway"/> are compared only when given.</summary>
internal sealed record NetworkArgs(string Name, bool Present, string Driver, string? Subnet, string? Gateway, bool Internal);
