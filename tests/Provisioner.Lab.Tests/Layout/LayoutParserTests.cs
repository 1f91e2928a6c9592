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
    public void ParseFile_ReferenceSiteLayout_Has2Lb2App3Db3Cache()
    {
        var path = Path.Combine(RepositoryRoot(), "inventory", "lab-layout.yml");

        var layout = LayoutParser.ParseFile(path, "inventory/lab-layout.yml");

        var counts = layout.Hosts.GroupBy(h => h.Group).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(counts, Is.EqualTo(new Dictionary<string, int> { ["lb"] = 2, ["app"] = 2, ["db"] = 3, ["cache"] = 3 }));
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
