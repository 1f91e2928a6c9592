using Provisioner.Lab.Network;

namespace Provisioner.Lab.Tests.Network;

public sealed class SubnetConflictsTests
{
    // Shape of `ip -json -4 route show table all` on a machine with a lab already up and a VPN route.
    private const string Routes = """
        [{"dst":"default","gateway":"192.0.2.1","dev":"eth0","flags":[]},
         {"dst":"192.0.2.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"192.0.2.2","flags":[]},
         {"dst":"10.213.77.0/24","dev":"pl-aaaa1111","protocol":"kernel","scope":"link","prefsrc":"10.213.77.1","flags":["linkdown"]},
         {"dst":"10.8.0.0/16","dev":"tun0","flags":[]},
         {"type":"local","dst":"10.213.77.1","table":"local","dev":"pl-aaaa1111","protocol":"kernel","scope":"host","prefsrc":"10.213.77.1","flags":[]},
         {"type":"local","dst":"127.0.0.0/8","table":"local","dev":"lo","protocol":"kernel","scope":"host","prefsrc":"127.0.0.1","flags":[]}]
        """;

    [Test]
    public void Find_OwnBridgeRoutes_AreNotConflicts()
    {
        var conflicts = SubnetConflicts.Find(Ipv4Subnet.Parse("10.213.77.0/24"), "pl-aaaa1111", "provlab-aaaa1111", RouteTableParser.Parse(Routes), []);

        Assert.That(conflicts, Is.Empty);
    }

    [Test]
    public void Find_AnotherLabsBridge_IsAConflictNamingTheDevice()
    {
        var conflicts = SubnetConflicts.Find(Ipv4Subnet.Parse("10.213.77.0/24"), "pl-bbbb2222", "provlab-bbbb2222", RouteTableParser.Parse(Routes), []);

        Assert.That(conflicts, Is.EqualTo(new[] { "route 10.213.77.0/24 (unicast) on device pl-aaaa1111", "route 10.213.77.1/32 (local) on device pl-aaaa1111" }));
    }

    [Test]
    public void Find_VpnRouteAndDockerNetwork_AreBothReported()
    {
        var networks = DockerNetworkInspectParser.Parse("""
            [{"Name":"compose_default","Id":"n1","Internal":false,"Labels":{},"IPAM":{"Config":[{"Subnet":"10.8.4.0/24","Gateway":"10.8.4.1"}]},"Options":{}},
             {"Name":"none","Id":"n2","Internal":false,"Labels":{},"IPAM":{"Config":[]},"Options":{}}]
            """);

        var conflicts = SubnetConflicts.Find(Ipv4Subnet.Parse("10.8.4.0/24"), "pl-x", "provlab-x", RouteTableParser.Parse(Routes), networks);

        Assert.That(conflicts, Is.EqualTo(new[] { "route 10.8.0.0/16 (unicast) on device tun0", "Docker network 'compose_default' with subnet 10.8.4.0/24" }));
    }

    [Test]
    public void ParseInspect_LabNetwork_ReadsLabelsBridgeAndInternal()
    {
        var network = DockerNetworkInspectParser.Parse("""
            [{"Name":"provlab-x","Id":"abc","Internal":true,"Labels":{"prov.lab":"x"},"IPAM":{"Config":[{"Subnet":"10.213.77.0/24"}]},"Options":{"com.docker.network.bridge.name":"pl-x"}}]
            """).Single();

        Assert.That(network.Label("prov.lab"), Is.EqualTo("x"));
        Assert.That(network.Internal, Is.True);
        Assert.That(network.BridgeName, Is.EqualTo("pl-x"));
        Assert.That(network.Subnets, Is.EqualTo(new[] { Ipv4Subnet.Parse("10.213.77.0/24") }));
    }
}
