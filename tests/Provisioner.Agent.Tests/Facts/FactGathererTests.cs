using System.Net.Sockets;
using System.Text;
using Provisioner.Agent.Facts;

namespace Provisioner.Agent.Tests.Facts;

public sealed class FactGathererTests
{
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("prov-facts-").FullName;
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    [Test]
    public async Task GatherAsync_ScratchRoot_ReadsEveryFactFromItsFile()
    {
        Write("proc/sys/kernel/hostname", "web1\n");
        Write("etc/hosts", "127.0.1.1 web1.example.org web1\n");
        Write("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n");
        Write("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        Write("proc/meminfo", "MemTotal: 2097152 kB\nMemFree: 1048576 kB\nMemAvailable: 1572864 kB\n");
        Write("sys/devices/system/cpu/online", "0-3\n");
        Write("proc/net/route", "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\neth0\t00000000\t0100000A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        Write("sys/class/net/eth0/address", "52:54:00:12:34:56\n");
        Write("sys/class/net/eth0/mtu", "1500\n");
        Write("sys/class/net/eth0/operstate", "up\n");
        Write("sys/class/net/eth0/type", "1\n");
        Write("sys/class/net/lo/type", "772\n");
        Write("sys/class/net/lo/flags", "0x9\n");
        Write("usr/bin/apt-get", string.Empty);
        Write("usr/bin/docker", string.Empty);
        Directory.CreateDirectory(Path.Combine(_root, "run/systemd/system"));
        var addresses = new FixedAddresses(
            new InterfaceAddress("lo", "127.0.0.1", 8, IsIpv6: false, IsLinkLocal: false),
            new InterfaceAddress("eth0", "10.0.0.5", 24, IsIpv6: false, IsLinkLocal: false),
            new InterfaceAddress("eth0", "fe80::5054:ff:fe12:3456", 64, IsIpv6: true, IsLinkLocal: true));

        var facts = await new FactGatherer(_root, addresses, TimeSpan.FromMilliseconds(200)).GatherAsync(CancellationToken.None);

        Assert.That(facts["hostname"], Is.EqualTo("web1"));
        Assert.That(facts["fqdn"], Is.EqualTo("web1.example.org"));
        Assert.That(facts["domain"], Is.EqualTo("example.org"));
        Assert.That(Map(facts, "os")["family"], Is.EqualTo("Debian"));
        Assert.That(Map(facts, "os")["codename"], Is.EqualTo("bookworm"));
        Assert.That(Map(facts, "kernel")["release"], Is.EqualTo("6.1.0-18-amd64"));
        Assert.That(Map(facts, "cpu")["count"], Is.EqualTo(4L));
        Assert.That(Map(facts, "memory")["total_mb"], Is.EqualTo(2048L));
        var ipv4 = Map(facts, "default_ipv4");
        Assert.That(ipv4["interface"], Is.EqualTo("eth0"));
        Assert.That(ipv4["address"], Is.EqualTo("10.0.0.5"));
        Assert.That(ipv4["gateway"], Is.EqualTo("10.0.0.1"));
        Assert.That(ipv4["netmask"], Is.EqualTo("255.255.255.0"));
        Assert.That(Map(facts, "default_ipv6"), Is.Empty);
        var eth0 = Map(Map(facts, "interfaces"), "eth0");
        Assert.That(eth0["mac"], Is.EqualTo("52:54:00:12:34:56"));
        Assert.That(eth0["mtu"], Is.EqualTo(1500L));
        Assert.That(eth0["active"], Is.True);
        Assert.That(Map(Map(facts, "interfaces"), "lo")["type"], Is.EqualTo("loopback"));
        Assert.That(Map(Map(facts, "interfaces"), "lo")["active"], Is.True);
        Assert.That(facts["all_ipv4_addresses"], Is.EqualTo(new object?[] { "10.0.0.5" }));
        Assert.That(facts["init_system"], Is.EqualTo("systemd"));
        Assert.That(facts["pkg_mgr"], Is.EqualTo("apt"));
        Assert.That(Map(facts, "docker")["installed"], Is.True);
        Assert.That(Map(facts, "docker")["running"], Is.False);
    }

    [Test]
    public async Task GatherAsync_EmptyRoot_FallsBackWithoutThrowing()
    {
        var facts = await new FactGatherer(_root, new FixedAddresses(), TimeSpan.FromMilliseconds(200)).GatherAsync(CancellationToken.None);

        Assert.That(facts["init_system"], Is.EqualTo("sysvinit"));
        Assert.That(facts["pkg_mgr"], Is.EqualTo("unknown"));
        Assert.That(Map(facts, "default_ipv4"), Is.Empty);
        Assert.That(Map(facts, "cpu")["count"], Is.EqualTo((long)Environment.ProcessorCount));
    }

    [Test]
    public async Task GatherAsync_DockerSocketAnswersPing_ReportsRunning()
    {
        Directory.CreateDirectory(Path.Combine(_root, "var/run"));
        var socketPath = Path.Combine(_root, "var/run/docker.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[1024];
            var request = Encoding.ASCII.GetString(buffer, 0, await client.ReceiveAsync(buffer));
            var body = request.StartsWith("GET /_ping ", StringComparison.Ordinal) ? "OK" : "NO";
            await client.SendAsync(Encoding.ASCII.GetBytes($"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\n{body}"));
            client.Shutdown(SocketShutdown.Both);
        });

        var facts = await new FactGatherer(_root, new FixedAddresses(), TimeSpan.FromSeconds(5)).GatherAsync(CancellationToken.None);
        await server;

        Assert.That(Map(facts, "docker")["running"], Is.True);
        Assert.That(Map(facts, "docker")["installed"], Is.False);
    }

    [Test]
    public async Task GatherAsync_ThisHost_FindsRealValuesQuickly()
    {
        var gatherer = FactGatherer.ForHost();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var facts = await gatherer.GatherAsync(CancellationToken.None);

        Assert.That(facts["hostname"], Is.Not.Empty);
        Assert.That(Map(facts, "memory")["total_mb"], Is.GreaterThan(0L));
        Assert.That(Map(facts, "cpu")["count"], Is.GreaterThanOrEqualTo(1L));
        Assert.That(Map(facts, "interfaces").ContainsKey("lo"), Is.True);
        Assert.That(Map(facts, "os")["id"], Is.Not.Empty);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void TopLevel_Facts_AreAlsoProvNames()
    {
        var facts = new Dictionary<string, object?>
        {
            ["hostname"] = "web1",
            ["os"] = new Dictionary<string, object?> { ["family"] = "Debian", ["id"] = "debian", ["version_id"] = "12", ["major_version"] = "12", ["codename"] = "bookworm" },
            ["memory"] = new Dictionary<string, object?> { ["total_mb"] = 512L },
        };

        var vars = FactVariables.TopLevel(facts);

        Assert.That(vars["prov_hostname"], Is.EqualTo("web1"));
        Assert.That(vars["prov_os_family"], Is.EqualTo("Debian"));
        Assert.That(vars["prov_distribution_release"], Is.EqualTo("bookworm"));
        Assert.That(vars["prov_memtotal_mb"], Is.EqualTo(512L));
    }

    [TestCase(24, "255.255.255.0")]
    [TestCase(0, "0.0.0.0")]
    [TestCase(32, "255.255.255.255")]
    [TestCase(20, "255.255.240.0")]
    public void Netmask_Prefix_GivesDottedMask(int prefix, string mask) =>
        Assert.That(FactGatherer.Netmask(prefix), Is.EqualTo(mask));

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static IReadOnlyDictionary<string, object?> Map(IReadOnlyDictionary<string, object?> map, string key) =>
        (IReadOnlyDictionary<string, object?>)map[key]!;

    private sealed class FixedAddresses(params InterfaceAddress[] addresses) : IInterfaceAddressSource
    {
        public IReadOnlyList<InterfaceAddress> GetAddresses() => addresses;
    }
}
