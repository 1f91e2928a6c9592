namespace Provisioner.Lab.Docker;

/// <summary>A container as <c>docker ps</c>/<c>docker inspect</c> report it.</summary>
internal sealed record ContainerInfo(string Id, string Name, string State, string? Host, string? Image, string? Address)
{
    public bool Running => State == "running";
}
