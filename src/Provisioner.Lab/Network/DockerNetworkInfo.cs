namespace Provisioner.Lab.Network;

/// <summary>What the lab needs to know about an existing Docker network.</summary>
internal sealed record DockerNetworkInfo(string Id, string Name, IReadOnlyList<Ipv4Subnet> Subnets, IReadOnlyDictionary<string, string> Labels, bool Internal, string? BridgeName)
{
    public string? Label(string key) => Labels.TryGetValue(key, out var value) ? value : null;
}
