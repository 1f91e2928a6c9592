// The site's hosts as network namespaces on one bridge: each has its own address, so servers bind and connect from
// the addresses the inventory gives them, as on separate machines, without leaving this machine.
namespace Provisioner.Site.Tests.Support;

internal sealed class HostNetwork : IAsyncDisposable
{
    /// <summary>Private subnet inside the namespaces only; nothing outside them routes to it.</summary>
    public const string Subnet = "10.213.95";

    private readonly string _prefix;
    private readonly Dictionary<string, (string Namespace, string Address)> _hosts = new(StringComparer.Ordinal);
    private readonly List<ServerProcess> _servers = [];
    private readonly List<string> _namespaces = [];

    private HostNetwork(string prefix) => _prefix = prefix;

    public IReadOnlyDictionary<string, string> Addresses => _hosts.ToDictionary(h => h.Key, h => h.Value.Address, StringComparer.Ordinal);

    public static async Task<HostNetwork> CreateAsync(IReadOnlyList<string> hosts)
    {
        Programs.RequireRoot("it puts each of the site's hosts into a network namespace");
        Programs.Require(("ip", "iproute2"));
        var network = new HostNetwork($"pst{Environment.ProcessId % 100000}x{Random.Shared.Next(0x1000):x3}");
        try
        {
            var hub = await network.AddNamespaceAsync(network._prefix + "-hub");
            await Ip("-n", hub, "link", "add", "br0", "type", "bridge");
            await Ip("-n", hub, "link", "set", "br0", "up");
            for (var i = 0; i < hosts.Count; i++)
            {
                var ns = await network.AddNamespaceAsync($"{network._prefix}-{hosts[i]}");
                var address = $"{Subnet}.{11 + i}";
                var veth = $"v{network._prefix[3..]}{i}";
                await Ip("-n", hub, "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
                await Ip("-n", hub, "link", "set", veth, "master", "br0");
                await Ip("-n", hub, "link", "set", veth, "up");
                await Ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0");
                await Ip("-n", ns, "link", "set", "eth0", "up");
                await Ip("-n", ns, "link", "set", "lo", "up");
                network._hosts[hosts[i]] = (ns, address);
            }
        }
        catch
        {
            await network.DisposeAsync();
            throw;
        }

        return network;
    }

    public string Address(string host) => _hosts[host].Address;

    /// <summary>Runs a program inside the host's namespace and waits for it.</summary>
    public Task<ProgramResult> RunAsync(string host, IReadOnlyList<string> argv, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null) =>
        Programs.RunAsync("ip", ["netns", "exec", _hosts[host].Namespace, .. argv], timeout, environment);

    /// <summary>Starts a server inside the host's namespace; it is stopped when the network is disposed, if not before.</summary>
    public ServerProcess Start(string host, string name, IReadOnlyList<string> argv)
    {
        var server = ServerProcess.Start($"{name} on {host}", "ip", ["netns", "exec", _hosts[host].Namespace, .. argv]);
        _servers.Add(server);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            await server.DisposeAsync();
        }

        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            await Programs.RunAsync("ip", ["netns", "delete", ns]);
        }
    }

    private async Task<string> AddNamespaceAsync(string ns)
    {
        await Ip("netns", "add", ns);
        _namespaces.Add(ns);
        return ns;
    }

    private static async Task Ip(params string[] arguments)
    {
        var result = await Programs.RunAsync("ip", arguments);
        Assert.That(result.ExitCode, Is.Zero, result.Describe());
    }
}
