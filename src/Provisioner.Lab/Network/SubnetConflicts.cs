namespace Provisioner.Lab.Network;

/// <summary>Finds what already uses (part of) the lab's subnet: routes of this machine and other Docker networks.</summary>
internal static class SubnetConflicts
{
    public static IReadOnlyList<string> Find(Ipv4Subnet subnet, string ownBridge, string ownNetwork, IReadOnlyList<RouteEntry> routes, IReadOnlyList<DockerNetworkInfo> networks)
    {
        var conflicts = new List<string>();
        foreach (var route in routes.Where(r => r.Device != ownBridge && r.Destination.Overlaps(subnet)))
        {
            conflicts.Add($"route {route.Destination} ({route.Type}) on device {route.Device ?? "?"}");
        }

        foreach (var network in networks.Where(n => n.Name != ownNetwork))
        {
            foreach (var other in network.Subnets.Where(s => s.Overlaps(subnet)))
            {
                conflicts.Add($"Docker network '{network.Name}' with subnet {other}");
            }
        }

        return conflicts.Distinct(StringComparer.Ordinal).ToList();
    }
}
