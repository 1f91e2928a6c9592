using System.Text.Json;

namespace Provisioner.Lab.Network;

/// <summary>Reads the JSON of <c>ip -j -4 route show table all</c>; default routes are skipped (they cover everything).</summary>
internal static class RouteTableParser
{
    public static IReadOnlyList<RouteEntry> Parse(string json)
    {
        var routes = new List<RouteEntry>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return routes;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var route in document.RootElement.EnumerateArray())
        {
            var destination = route.TryGetProperty("dst", out var dst) ? dst.GetString() : null;
            if (destination is null or "default" || !Ipv4Subnet.TryParse(destination, out var subnet, out _))
            {
                continue;
            }

            var device = route.TryGetProperty("dev", out var dev) ? dev.GetString() : null;
            var type = route.TryGetProperty("type", out var t) ? t.GetString() ?? "unicast" : "unicast";
            routes.Add(new RouteEntry(subnet, device, type));
        }

        return routes;
    }
}
