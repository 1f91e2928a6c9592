// Gathers facts by reading /proc, /sys and /etc under a root directory ("/" on a real host).
using System.Globalization;
using System.Runtime.InteropServices;
using Provisioner.Core.Data;

namespace Provisioner.Agent.Facts;

internal sealed class FactGatherer : IFactGatherer
{
    private static readonly (string Binary, string Name)[] PackageManagers =
    [
        ("usr/bin/apt-get", "apt"), ("usr/bin/dnf", "dnf"), ("usr/bin/yum", "yum"), ("usr/bin/zypper", "zypper"),
        ("sbin/apk", "apk"), ("usr/bin/pacman", "pacman"),
    ];

    private static readonly string[] DockerBinaries = ["usr/bin/docker", "usr/local/bin/docker", "bin/docker", "snap/bin/docker"];

    private readonly string _root;
    private readonly IInterfaceAddressSource _addresses;
    private readonly TimeSpan _dockerTimeout;

    public FactGatherer(string root, IInterfaceAddressSource addresses, TimeSpan dockerTimeout)
    {
        _root = root;
        _addresses = addresses;
        _dockerTimeout = dockerTimeout;
    }

    public static FactGatherer ForHost() => new("/", new SystemInterfaceAddressSource(), TimeSpan.FromMilliseconds(500));

    public async Task<IReadOnlyDictionary<string, object?>> GatherAsync(CancellationToken ct)
    {
        var facts = PlainData.NewMap();
        var hostname = Read("proc/sys/kernel/hostname")?.Trim() is { Length: > 0 } h ? h : Environment.MachineName;
        var fqdn = HostsFileParser.FindFqdn(Read("etc/hosts") ?? string.Empty, hostname);
        facts["hostname"] = hostname.Split('.')[0];
        facts["fqdn"] = fqdn;
        facts["domain"] = fqdn.Contains('.', StringComparison.Ordinal) ? fqdn[(fqdn.IndexOf('.', StringComparison.Ordinal) + 1)..] : string.Empty;
        facts["os"] = OsReleaseParser.Parse(Read("etc/os-release") ?? Read("usr/lib/os-release") ?? string.Empty);
        var kernel = PlainData.NewMap();
        kernel["release"] = Read("proc/sys/kernel/osrelease")?.Trim() ?? string.Empty;
        kernel["version"] = Read("proc/sys/kernel/version")?.Trim() ?? string.Empty;
        facts["kernel"] = kernel;
        facts["architecture"] = Architecture(RuntimeInformation.OSArchitecture);
        facts["cpu"] = Cpu();
        facts["memory"] = MemInfoParser.Parse(Read("proc/meminfo") ?? string.Empty);

        var addresses = _addresses.GetAddresses();
        var interfaces = Interfaces(addresses);
        facts["default_ipv4"] = DefaultAddress(RouteTableParser.ParseIpv4(Read("proc/net/route") ?? string.Empty), addresses, ipv6: false);
        facts["default_ipv6"] = DefaultAddress(RouteTableParser.ParseIpv6(Read("proc/net/ipv6_route") ?? string.Empty), addresses, ipv6: true);
        facts["interfaces"] = interfaces;
        facts["all_ipv4_addresses"] = addresses.Where(a => !a.IsIpv6 && !a.Address.StartsWith("127.", StringComparison.Ordinal))
            .Select(a => (object?)a.Address).Distinct().ToList();
        facts["all_ipv6_addresses"] = addresses.Where(a => a.IsIpv6 && a.Address != "::1").Select(a => (object?)a.Address).Distinct().ToList();
        facts["init_system"] = Directory.Exists(PathOf("run/systemd/system")) ? "systemd" : "sysvinit";
        facts["pkg_mgr"] = PackageManagers.FirstOrDefault(p => File.Exists(PathOf(p.Binary))).Name ?? "unknown";
        facts["docker"] = await DockerAsync(ct).ConfigureAwait(false);
        facts["machine_id"] = Read("etc/machine-id")?.Trim() ?? string.Empty;
        facts["uptime_seconds"] = Read("proc/uptime") is { } uptime
            && double.TryParse(uptime.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? (long)seconds
            : 0L;
        return facts;
    }

    /// <summary>uname -m spelling, which is what playbooks compare against.</summary>
    internal static string Architecture(Architecture architecture) => architecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x86_64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        System.Runtime.InteropServices.Architecture.Arm => "armv7l",
        System.Runtime.InteropServices.Architecture.X86 => "i686",
        System.Runtime.InteropServices.Architecture.S390x => "s390x",
        System.Runtime.InteropServices.Architecture.Ppc64le => "ppc64le",
        System.Runtime.InteropServices.Architecture.RiscV64 => "riscv64",
        System.Runtime.InteropServices.Architecture.LoongArch64 => "loongarch64",
        _ => architecture.ToString().ToLowerInvariant(),
    };

    private OrderedDictionary<string, object?> Cpu()
    {
        var cpuinfo = Read("proc/cpuinfo") ?? string.Empty;
        var cpu = PlainData.NewMap();
        var online = Read("sys/devices/system/cpu/online") is { } list ? CpuParser.CountCpuList(list) : null;
        var fromCpuinfo = CpuParser.CountProcessors(cpuinfo);
        cpu["count"] = (long)(online ?? (fromCpuinfo > 0 ? fromCpuinfo : Environment.ProcessorCount));
        cpu["model"] = CpuParser.Model(cpuinfo);
        return cpu;
    }

    private OrderedDictionary<string, object?> Interfaces(IReadOnlyList<InterfaceAddress> addresses)
    {
        var result = PlainData.NewMap();
        var names = Directory.Exists(PathOf("sys/class/net"))
            ? Directory.GetFileSystemEntries(PathOf("sys/class/net")).Select(Path.GetFileName).OfType<string>()
            : [];
        foreach (var name in names.Concat(addresses.Select(a => a.Interface)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var dir = $"sys/class/net/{name}/";
            var nic = PlainData.NewMap();
            nic["name"] = name;
            nic["mac"] = Read(dir + "address")?.Trim() ?? string.Empty;
            nic["mtu"] = long.TryParse(Read(dir + "mtu")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var mtu) ? mtu : 0L;
            var operstate = Read(dir + "operstate")?.Trim() ?? "unknown";
            // Loopback and some virtual links report "unknown" while carrying traffic; the IFF_UP flag is the truth.
            var flags = Read(dir + "flags")?.Trim() is { } f && f.StartsWith("0x", StringComparison.Ordinal)
                && int.TryParse(f[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits) ? bits : 0;
            nic["active"] = operstate == "up" || (flags & 0x1) != 0;
            nic["operstate"] = operstate;
            nic["type"] = Read(dir + "type")?.Trim() switch
            {
                "772" => "loopback",
                "1" => Directory.Exists(PathOf(dir + "bridge")) ? "bridge" : Exists(dir + "device") ? "ether" : "virtual",
                "65534" => "tunnel",
                null => "unknown",
                var other => other,
            };
            nic["ipv4"] = addresses.Where(a => a.Interface == name && !a.IsIpv6).Select(a => (object?)Address(a)).ToList();
            nic["ipv6"] = addresses.Where(a => a.Interface == name && a.IsIpv6).Select(a => (object?)Address(a)).ToList();
            result[name] = nic;
        }

        return result;
    }

    private static OrderedDictionary<string, object?> Address(InterfaceAddress a)
    {
        var map = PlainData.NewMap();
        map["address"] = a.Address;
        map["prefix"] = (long)a.PrefixLength;
        if (!a.IsIpv6)
        {
            map["netmask"] = Netmask(a.PrefixLength);
        }
        else
        {
            map["scope"] = a.IsLinkLocal ? "link" : "global";
        }

        return map;
    }

    private static OrderedDictionary<string, object?> DefaultAddress(DefaultRoute? route, IReadOnlyList<InterfaceAddress> addresses, bool ipv6)
    {
        var map = PlainData.NewMap();
        if (route is null)
        {
            return map;
        }

        var address = addresses.Where(a => a.Interface == route.Interface && a.IsIpv6 == ipv6).OrderBy(a => a.IsLinkLocal).FirstOrDefault();
        map["interface"] = route.Interface;
        map["gateway"] = route.Gateway;
        map["address"] = address?.Address ?? string.Empty;
        map["prefix"] = (long)(address?.PrefixLength ?? 0);
        if (!ipv6)
        {
            map["netmask"] = address is null ? string.Empty : Netmask(address.PrefixLength);
        }

        return map;
    }

    internal static string Netmask(int prefix)
    {
        var bits = prefix <= 0 ? 0u : uint.MaxValue << (32 - Math.Min(prefix, 32));
        return $"{bits >> 24}.{(bits >> 16) & 0xff}.{(bits >> 8) & 0xff}.{bits & 0xff}";
    }

    private async Task<OrderedDictionary<string, object?>> DockerAsync(CancellationToken ct)
    {
        var docker = PlainData.NewMap();
        var binary = DockerBinaries.FirstOrDefault(b => File.Exists(PathOf(b)));
        docker["installed"] = binary is not null;
        docker["binary"] = binary is null ? string.Empty : "/" + binary;
        docker["running"] = await DockerProbe.PingAsync(PathOf("var/run/docker.sock"), _dockerTimeout, ct).ConfigureAwait(false);
        return docker;
    }

    private string PathOf(string relative) => Path.Combine(_root, relative);

    private bool Exists(string relative) => Path.Exists(PathOf(relative));

    private string? Read(string relative)
    {
        try
        {
            return File.ReadAllText(PathOf(relative));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
