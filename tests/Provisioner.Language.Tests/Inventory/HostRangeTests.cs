using Provisioner.Language.Inventory;

namespace Provisioner.Language.Tests.Inventory;

[TestFixture]
public sealed class HostRangeTests
{
    [TestCase("web", new[] { "web" })]
    [TestCase("web[1:3]", new[] { "web1", "web2", "web3" })]
    [TestCase("web[08:10]", new[] { "web08", "web09", "web10" })]
    [TestCase("web[:2]", new[] { "web0", "web1", "web2" })]
    [TestCase("n[1:7:3]", new[] { "n1", "n4", "n7" })]
    [TestCase("r[a:c]", new[] { "ra", "rb", "rc" })]
    [TestCase("r[1:2]u[a:b].lab", new[] { "r1ua.lab", "r1ub.lab", "r2ua.lab", "r2ub.lab" })]
    public void Expand_Range_ListsEveryHost(string pattern, string[] expected)
    {
        Assert.That(HostRange.Expand(pattern), Is.EqualTo(expected));
    }

    [Test]
    public void Expand_HugeRange_Refused()
    {
        Assert.That(() => HostRange.Expand("h[0:999999]"), Throws.TypeOf<FormatException>().With.Message.Contains("more than"));
    }

    [TestCase("web1:2222", "web1", 2222)]
    [TestCase("web[1:2]:22", "web[1:2]", 22)]
    [TestCase("web[1:2]", "web[1:2]", null)]
    [TestCase("web1", "web1", null)]
    [TestCase("web1:", "web1:", null)]
    public void SplitPort_Key_SeparatesTrailingPort(string key, string pattern, int? port)
    {
        Assert.That(HostRange.SplitPort(key), Is.EqualTo((pattern, port)));
    }
}
