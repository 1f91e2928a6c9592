// /proc/net/route and /proc/net/ipv6_route → the default route of each family.
using System.Globalization;
using System.Net;

namespace Provisioner.Agent.Facts;

internal static class RouteTableParser
{
    private const int RtfUp = 0x1;
    private const int RtfReject = 0x200;

    /// <summary>The IPv4 default route with the lowest metric, or null when there is none.</summary>
    public static DefaultRoute? ParseIpv4(string text)
    {
        DefaultRoute? best = null;
        var bestMetric = long.MaxValue;
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split(['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8 || f[1] != "00000000" || f[7] != "00000000"
                || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags) || (flags & RtfUp) == 0
                || !long.TryParse(f[6], NumberStyles.None, CultureInfo.InvariantCulture, out var metric) || metric >= bestMetric)
            {
                continue;
            }

            // The kernel prints the address in host byte order (little-endian here): bytes reversed.
            var gateway = uint.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var g)
                ? new IPAddress(BitConverter.GetBytes(g)).ToString()
                : string.Empty;
            best = new DefaultRoute(f[0], gateway == "0.0.0.0" ? string.Empty : gateway);
            bestMetric = metric;
        }

        return best;
    }

    /// <summary>The IPv6 default route (::/0, up, not a reject route) with the lowest metric, or null.</summary>
    public static DefaultRoute? ParseIpv6(string text)
    {
        DefaultRoute? best = null;
        var bestMetric = long.MaxValue;
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[0] != new string('0', 32) || f[1] != "00"
                || !int.TryParse(f[8], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || (flags & RtfUp) == 0 || (flags & RtfReject) != 0 || f[9] == "lo"
                || !long.TryParse(f[5], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var metric) || metric >= bestMetric)
            {
                continue;
            }

            var hop = ParseIpv6Hex(f[4]);
            best = new DefaultRoute(f[9], hop is null || hop.Equals(IPAddress.IPv6Any) ? string.Empty : hop.ToString());
            bestMetric = metric;
        }

        return best;
    }

    private static IPAddress? ParseIpv6Hex(string hex)
    {
        if (hex.Length != 32)
        {
            return null;
        }

        var bytes = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            if (!byte.TryParse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }

        return new IPAddress(bytes);
    }
}
