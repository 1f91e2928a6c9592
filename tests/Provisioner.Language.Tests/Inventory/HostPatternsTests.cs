using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Tests.Inventory;

[TestFixture]
public sealed class HostPatternsTests
{
    private const string Fleet = """
        all:
          children:
            db:
              hosts: {db1: , db2: }
            web:
              hosts: {web1: , web2: , web3: }
            staging:
              hosts: {web3: , db2: }
        """;

    private TempInventory _temp = null!;
    private Core.Inventory.Inventory _inventory = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempInventory();
        _temp.Write("hosts.yml", Fleet);
        _inventory = InventoryLoader.Load([_temp.PathOf("hosts.yml")], displayRoot: _temp.Root).Inventory;
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [TestCase("web:db", new[] { "db1", "db2", "web1", "web2", "web3" })]
    [TestCase("!staging:web", new[] { "web1", "web2" })]
    [TestCase("&staging:!db:web:db", new[] { "web3" })]
    [TestCase("web:&staging,db", new[] { "db1", "db2" })]
    public void Select_OperatorsInAnyOrder_UnionsThenIntersectionsThenExclusions(string pattern, string[] expected)
    {
        var selection = HostPatterns.Select(_inventory, pattern);

        Assert.That(selection.Hosts.Select(h => h.Name), Is.EqualTo(expected));
    }

    [Test]
    public void Select_UnionWrittenOutOfOrder_ResultInInventoryOrder()
    {
        var selection = HostPatterns.Select(_inventory, "web3,db2,web1");

        Assert.That(selection.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "db2", "web1", "web3" }));
    }

    [Test]
    public void Select_TermMatchingNothing_WarnsAtGivenLocation()
    {
        var where = new SourceLocation("site.yml", 2, 10);

        var selection = HostPatterns.Select(_inventory, "web:wbe", location: where);

        Assert.That(selection.Hosts, Has.Count.EqualTo(3));
        Assert.That(selection.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "site.yml:2:10: warning: host pattern 'wbe' matches no host or group; ignoring it",
        }));
    }

    [Test]
    public void Select_OldDashSubscript_WorksAndWarns()
    {
        var selection = HostPatterns.Select(_inventory, "web[1-2]");

        Assert.That(selection.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "web2", "web3" }));
        Assert.That(selection.Warnings.Single().Message, Does.Contain("write the range as [x:y]"));
    }

    [Test]
    public void Select_Limit_KeepsOnlyHostsAlsoMatchingTheLimit()
    {
        var selection = HostPatterns.Select(_inventory, "web", limit: "staging:db1");

        Assert.That(selection.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "web3" }));
    }

    [TestCase("~(web", "invalid host pattern '~(web'")]
    [TestCase("web[5]", "host pattern 'web[5]' picks host 5, but it matches only 3 host(s)")]
    [TestCase(" , ", "empty host pattern")]
    [TestCase("web:!", "must be followed by a group or host")]
    public void Select_InvalidPattern_ThrowsLocatedError(string pattern, string message)
    {
        var where = new SourceLocation("site.yml", 2, 10);

        var ex = Assert.Throws<InvalidInputException>(() => HostPatterns.Select(_inventory, pattern, location: where));

        Assert.That(ex!.Diagnostics, Has.Count.EqualTo(1));
        Assert.That(ex.Diagnostics[0].Location, Is.EqualTo(where));
        Assert.That(ex.Diagnostics[0].Message, Does.Contain(message));
    }

    [TestCase("", "empty --limit")]
    [TestCase("@retry.txt", "reading the limit from a file is not supported")]
    public void Select_UnsupportedLimit_ThrowsWithReason(string limit, string message)
    {
        var ex = Assert.Throws<InvalidInputException>(() => HostPatterns.Select(_inventory, "all", limit));

        Assert.That(ex!.Diagnostics[0].Message, Does.Contain(message));
    }

    [Test]
    public void Select_CatastrophicRegex_FailsInsteadOfHanging()
    {
        _temp.Write("long.yml", "all:\n  hosts:\n    " + new string('a', 40) + "-:\n");
        var inventory = InventoryLoader.Load([_temp.PathOf("long.yml")], displayRoot: _temp.Root).Inventory;

        Assert.That(() => HostPatterns.Select(inventory, "~(a+)+$"), Throws.TypeOf<InvalidInputException>()
            .With.Message.Contains("takes too long"));
    }
}
