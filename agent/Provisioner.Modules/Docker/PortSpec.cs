// One published port: "[ip:][host:]container[/proto]", as asked and as Docker reports it.
using System.Globalization;
using System.Net;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

/// <summary>A container port published on the host. An empty <see cref="HostIp"/> means every address, an empty <see cref="HostPort"/> a free port Docker picks.</summary>
internal sealed record PortSpec(string HostIp, string HostPort, int ContainerPort, string Protocol)
{
    public string Key => $"{ContainerPort.ToString(CultureInfo.InvariantCulture)}/{Protocol}";

    /// <summary>Parses <c>8080:80</c>, <c>127.0.0.1:8080:80/tcp</c>, <c>[::1]:8080:80</c>, <c>127.0.0.1::80</c>, <c>80/udp</c>.</summary>
    public static PortSpec? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var protocol = "tcp";
        var rest = text.Trim();
        var slash = rest.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = rest[(slash + 1)..];
            rest = rest[..slash];
            if (protocol is not ("tcp" or "udp" or "sctp"))
            {
                error = $"'{text}': protocol must be tcp, udp or sctp";
                return null;
            }
        }

        string hostIp = string.Empty, hostPort = string.Empty, containerPort;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf("]:", StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}': an IPv6 address is written [addr]:host:container";
                return null;
            }

            hostIp = rest[1..close];
            rest = rest[(close + 2)..];
            var parts = rest.Split(':');
            if (parts.Length != 2)
            {
                error = $"'{text}': expected [addr]:host:container";
                return null;
            }

            (hostPort, containerPort) = (parts[0], parts[1]);
        }
        else
        {
            var parts = rest.Split(':');
            switch (parts.Length)
            {
                case 1:
                    containerPort = parts[0];
                    break;
                case 2:
                    (hostPort, containerPort) = (parts[0], parts[1]);
                    break;
                case 3:
                    (hostIp, hostPort, containerPort) = (parts[0], parts[1], parts[2]);
                    break;
                default:
                    error = $"'{text}': expected [ip:]host:container[/protocol]";
                    return null;
            }
        }

        if (rest.Contains('-', StringComparison.Ordinal))
        {
            error = $"'{text}': port ranges are not supported; list each port";
            return null;
        }

        if (hostIp.Length > 0 && !IPAddress.TryParse(hostIp, out _))
        {
            error = $"'{text}': '{hostIp}' is not an IP address";
            return null;
        }

        if (Port(containerPort) is not { } container || (hostPort.Length > 0 && Port(hostPort) is null))
        {
            error = $"'{text}': ports are numbers from 1 to 65535";
            return null;
        }

        return new PortSpec(hostIp is "0.0.0.0" ? string.Empty : hostIp, hostPort, container, protocol);
    }

    /// <summary>The bindings of a container as Docker reports them (HostConfig.PortBindings).</summary>
    public static IReadOnlyList<PortSpec> FromBindings(IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? bindings)
    {
        var result = new List<PortSpec>();
        foreach (var (key, list) in bindings ?? new Dictionary<string, IReadOnlyList<PortBinding>?>())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            var port = Port(slash < 0 ? key : key[..slash]) ?? 0;
            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            foreach (var binding in list ?? [])
            {
                var ip = binding.HostIp ?? string.Empty;
                result.Add(new PortSpec(ip is "0.0.0.0" ? string.Empty : ip, binding.HostPort ?? string.Empty, port, protocol));
            }
        }

        return result;
    }

    public override string ToString()
    {
        var ip = HostIp.Contains(':', StringComparison.Ordinal) ? $"[{HostIp}]" : HostIp;
        var host = ip.Length > 0 ? $"{ip}:{HostPort}:" : HostPort.Length > 0 ? $"{HostPort}:" : string.Empty;
        return $"{host}{ContainerPort.ToString(CultureInfo.InvariantCulture)}/{Protocol}";
    }

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535 ? port : null;
}
