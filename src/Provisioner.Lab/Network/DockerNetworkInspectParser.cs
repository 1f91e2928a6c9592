using System.Text.Json;

namespace Provisioner.Lab.Network;

/// <summary>Reads <c>docker network inspect</c> JSON into <see cref="DockerNetworkInfo"/>.</summary>
internal static class DockerNetworkInspectParser
{
    /// <summary>Reads the JSON array printed by <c>docker network inspect ID...</c>.</summary>
    public static IReadOnlyList<DockerNetworkInfo> Parse(string json)
    {
        var networks = new List<DockerNetworkInfo>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return networks;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var network in document.RootElement.EnumerateArray())
        {
            var subnets = new List<Ipv4Subnet>();
            if (network.TryGetProperty("IPAM", out var ipam) && ipam.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in config.EnumerateArray())
                {
                    if (entry.TryGetProperty("Subnet", out var s) && Ipv4Subnet.TryParse(s.GetString() ?? string.Empty, out var subnet, out _))
                    {
                        subnets.Add(subnet);
                    }
                }
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (network.TryGetProperty("Labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in l.EnumerateObject())
                {
                    labels[label.Name] = label.Value.GetString() ?? string.Empty;
                }
            }

            string? bridge = null;
            if (network.TryGetProperty("Options", out var options) && options.ValueKind == JsonValueKind.Object
                && options.TryGetProperty("com.docker.network.bridge.name", out var b))
            {
                bridge = b.GetString();
            }

            networks.Add(new DockerNetworkInfo(
                network.GetProperty("Id").GetString() ?? string.Empty,
                network.GetProperty("Name").GetString() ?? string.Empty,
                subnets,
                labels,
                network.TryGetProperty("Internal", out var i) && i.ValueKind == JsonValueKind.True,
                bridge));
        }

        return networks;
    }
}
