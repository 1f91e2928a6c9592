using Provisioner.Lab.Network;

namespace Provisioner.Lab.Tests.Network;

public sealed class Ipv4SubnetTests
{
    [Test]
    public void Parse_Slash24_GivesGatewayAndHostAddresses()
    {
        var subnet = Ipv4Subnet.Parse("10.213.77.0/24");

        Assert.That(subnet.Gateway, Is.EqualTo("10.213.77.1"));
        Assert.That(subnet.HostAddress(0), Is.EqualTo("10.213.77.11"));
        Assert.That(subnet.HostAddress(9), Is.EqualTo("10.213.77.20"));
        Assert.That(subnet.HostCapacity, Is.EqualTo(240));
        Assert.That(subnet.IsPrivate, Is.True);
        Assert.That(subnet.ToString(), Is.EqualTo("10.213.77.0/24"));
    }

    [TestCase("10.213.77.5/24", "not a network address")]
    [TestCase("10.213.77.0/33", "prefix")]
    [TestCase("fe80::/64", "not an IPv4")]
    [TestCase("10.213/16", "not an IPv4")]
    public void TryParse_Invalid_ExplainsWhy(string text, string reason)
    {
        Assert.That(Ipv4Subnet.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(reason));
    }

    [TestCase("10.213.77.0/24", "10.213.77.128/25", true)]
    [TestCase("10.213.77.0/24", "10.0.0.0/8", true)]
    [TestCase("10.213.77.0/24", "10.213.78.0/24", false)]
    [TestCase("10.213.77.0/24", "10.213.77.255", true)]
    public void Overlaps_Pairs_AreSymmetric(string a, string b, bool expected)
    {
        Assert.That(Ipv4Subnet.Parse(a).Overlaps(Ipv4Subnet.Parse(b)), Is.EqualTo(expected));
        Assert.That(Ipv4Subnet.Parse(b).Overlaps(Ipv4Subnet.Parse(a)), Is.EqualTo(expected));
    }

    [TestCase("192.0.2.0/24", false)]
    [TestCase("172.31.0.0/16", true)]
    [TestCase("172.32.0.0/16", false)]
    [TestCase("192.168.5.0/24", true)]
    public void IsPrivate_Ranges_FollowRfc1918(string text, bool expected)
    {
        Assert.That(Ipv4Subnet.Parse(text).IsPrivate, Is.EqualTo(expected));
    }

    [Test]
    public void HostAddress_BeyondCapacity_Throws()
    {
        Assert.That(() => Ipv4Subnet.Parse("10.1.1.0/24").HostAddress(240), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
