// The parts of the Docker Engine API's network objects the modules read and write.
namespace Provisioner.Modules.Docker.Engine;

/// <summary>GET /networks/{name}. <see cref="Containers"/> maps container ids to their endpoints.</summary>
internal sealed record NetworkInspect(string Id, string Name, string? Driver, bool Internal, Ipam? IPAM, IReadOnlyDictionary<string, NetworkContainer>? Containers);

internal sealed record NetworkContainer(string? Name);

internal sealed record Ipam(string? Driver, IReadOnlyList<IpamConfig>? Config);

internal sealed record IpamConfig
{
    public string? Subnet { get; init; }

    public string? Gateway { get; init; }
}

/// <summary>POST /networks/create.</summary>
internal sealed record NetworkCreateRequest(string Name, string Driver, bool Internal, Ipam? IPAM, bool CheckDuplicate);
