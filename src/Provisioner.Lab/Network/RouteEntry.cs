namespace Provisioner.Lab.Network;

/// <summary>One IPv4 route of this machine (from <c>ip -j route show table all</c>).</summary>
internal sealed record RouteEntry(Ipv4Subnet Destination, string? Device, string Type);
