using Provisioner.Core.Diagnostics;
using Provisioner.Lab.Layout;

namespace Provisioner.Lab.Tests.Layout;

public sealed class LayoutParserTests
{
    [Test]
    public void ParseText_GroupsInFlowAndBlockStyle_KeepsOrderAndGroups()
    {
        var layout = LayoutParser.ParseText("groups:\n  lb: [lb1, lb2]\n  app:\n    - app1\n    - app2\n", "layout.yml");

        Assert.That(layout.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "lb1", "lb2", "app1", "app2" }));
        Assert.That(layout.Hosts.Select(h => h.Group), Is.EqualTo(new[] { "lb", "lb", "app", "app" }));
        Assert.That(layout.Groups, Is.EqualTo(new[] { "lb", "app" }));
    }

    [Test]
    public void ParseText_HostInTwoGroups_ReportsSecondPlaceWithPosition()
    {
        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText("groups:\n  lb: [web1]\n  app: [web1]\n", "layout.yml"));

        Assert.That(error!.Diagnostics.Single().ToString(), Is.EqualTo("layout.yml:3:9: error: host 'web1' is already in group 'lb' (line 2); a lab host belongs to one group"));
    }

    [Test]
    public void ParseText_SeveralProblems_ReportsAllAtOnce()
    {
        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText("hosts: 3\ngroups:\n  Bad: [ok1]\n  db: [DB_1, 7]\n  cache: []\n", "l.yml"));

        var messages = error!.Diagnostics.Select(d => d.ToString()).ToList();
        Assert.That(messages, Has.Count.EqualTo(5));
        Assert.That(messages[0], Does.StartWith("l.yml:1:1: error: unknown key 'hosts'"));
        Assert.That(messages, Has.Some.StartWith("l.yml:3:3: error: group name 'Bad'"));
        Assert.That(messages, Has.Some.StartWith("l.yml:4:8: error: host name 'DB_1' must be a DNS label"));
        Assert.That(messages, Has.Some.StartWith("l.yml:4:14: error: host names are strings, not a number"));
        Assert.That(messages, Has.Some.StartWith("l.yml:5:10: error: group 'cache' needs a non-empty list"));
    }

    [Test]
    public void ParseText_NoGroups_SaysWhatALayoutLooksLike()
    {
        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText("- a\n- b\n", "l.yml"));

        Assert.That(error!.Message, Does.Contain("groups: {app: [app1, app2]}"));
    }

    [Test]
    public void ParseText_TooManyHosts_IsRefused()
    {
        var names = string.Join(", ", Enumerable.Range(1, LayoutParser.MaxHosts + 1).Select(i => "h" + i));

        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText($"groups:\n  big: [{names}]\n", "l.yml"));

        Assert.That(error!.Message, Does.Contain($"at most {LayoutParser.MaxHosts}"));
    }

    [Test]
    public void ParseFile_ReferenceSiteInventory_Has2Lb2App3Db3CacheInItsOrder()
    {
        var path = Path.Combine(RepositoryRoot(), "inventory", "site.yml");

        var layout = LayoutParser.ParseFile(path, "inventory/site.yml");

        var counts = layout.Hosts.GroupBy(h => h.Group).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EqualTo(new Dictionary<string, int> { ["lb"] = 2, ["app"] = 2, ["db"] = 3, ["cache"] = 3 }));
        Assert.That(layout.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "lb1", "lb2", "app1", "app2", "db1", "db2", "db3", "cache1", "cache2", "cache3" }));
    }

    [Test]
    public void ParseText_Inventory_HostsInFileOrderEachInTheFirstGroupListingIt()
    {
        var text = """
            all:
              hosts:
                bastion: {address: 192.0.2.1}
              children:
                web:
                  children:
                    lb:
                      hosts: {lb1: {address: 192.0.2.11}, lb2: {}}
                app:
                  hosts: {app1: {}, lb1: {}}
                  vars: {app_port: 8000}
            extra:
              hosts: {tool1: {}}
            """;

        var layout = LayoutParser.ParseText(text, "inventory.yml");

        Assert.That(layout.Hosts, Is.EqualTo(new[]
        {
            new LabHostSpec("bastion", "ungrouped"), new LabHostSpec("lb1", "lb"), new LabHostSpec("lb2", "lb"),
            new LabHostSpec("app1", "app"), new LabHostSpec("tool1", "extra"),
        }));
    }

    [Test]
    public void ParseText_InventoryWithRangeAndBadName_ReportsEachWithPosition()
    {
        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText("all:\n  children:\n    web:\n      hosts:\n        web[1:3]: {}\n        Web_4: {}\n", "inv.yml"));

        Assert.That(error!.Diagnostics.Select(d => d.ToString()), Has.Exactly(1).StartsWith("inv.yml:5:9: error: host 'web[1:3]' cannot be a lab host")
            .And.Exactly(1).StartsWith("inv.yml:6:9: error: host 'Web_4' cannot be a lab host"));
    }

    [Test]
    public void ParseText_InventoryWithoutHosts_SaysWhatALayoutLooksLike()
    {
        var error = Assert.Throws<InvalidInputException>(() => LayoutParser.ParseText("all:\n  vars: {a: 1}\n", "inv.yml"));

        Assert.That(error!.Message, Does.Contain("no hosts").And.Contain("groups: {app: [app1, app2]}"));
    }

    [Test]
    public void Default_Count_NamesHostsInLabGroup()
    {
        Assert.That(LabLayout.Default(2).Hosts, Is.EqualTo(new[] { new LabHostSpec("host1", "lab"), new LabHostSpec("host2", "lab") }));
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provisioner.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Provisioner.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
