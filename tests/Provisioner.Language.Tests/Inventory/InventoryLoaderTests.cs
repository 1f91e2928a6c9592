using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Tests.Inventory;

[TestFixture]
public sealed class InventoryLoaderTests
{
    private TempInventory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempInventory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    [Test]
    public void Load_MissingSource_ErrorNamesIt()
    {
        var ex = Assert.Throws<InvalidInputException>(() => Load("nowhere.yml"));

        Assert.That(ex!.Diagnostics.Select(d => d.ToString()), Is.EqualTo(new[]
        {
            "error: inventory '" + _temp.PathOf("nowhere.yml") + "' not found: give an inventory file or a folder of them",
        }));
    }

    [Test]
    public void Load_EmptyFile_HasOnlyImplicitGroups()
    {
        _temp.Write("hosts.yml", "# nothing yet\n");

        var inventory = Load("hosts.yml").Inventory;

        Assert.That(inventory.Hosts, Is.Empty);
        Assert.That(inventory.Groups.Select(g => g.Name), Is.EqualTo(new[] { "all", "ungrouped" }));
        Assert.That(inventory.Groups.All(g => g.IsImplicit), Is.True);
    }

    [Test]
    public void Load_HostListedInSeveralGroups_OneHostWithMergedVars()
    {
        _temp.Write("hosts.yml", """
            web:
              hosts:
                h1: {a: 1, b: 1}
            db:
              hosts:
                h1: {b: 2}
            """);

        var inventory = Load("hosts.yml").Inventory;

        Assert.That(inventory.Hosts, Has.Count.EqualTo(1));
        var h1 = inventory.Hosts[0];
        Assert.That(h1.Groups, Is.EqualTo(new[] { "web", "db" }));
        Assert.That(h1.Vars["a"], Is.EqualTo(1L));
        Assert.That(h1.Vars["b"], Is.EqualTo(2L));
        Assert.That(h1.Location, Is.EqualTo(new SourceLocation("hosts.yml", 3, 5)));
    }

    [Test]
    public void Load_ConnectionVars_OursAndAnsibleSpellingsByPrecedence()
    {
        _temp.Write("inventory/hosts.yml", """
            all:
              vars:
                user: deploy
                port: 22
              hosts:
                plain:
                aliased: {ansible_host: 192.0.2.1, ansible_user: root, ansible_port: "2222"}
                both: {address: 192.0.2.2, ansible_host: 192.0.2.99}
                overridden:
            """);
        _temp.Write("inventory/host_vars/overridden.yml", "ansible_host: 192.0.2.3\n");

        var inventory = Load("inventory/hosts.yml").Inventory;

        Assert.That(Connection(inventory, "plain"), Is.EqualTo(("plain", (int?)22, "deploy")));
        Assert.That(Connection(inventory, "aliased"), Is.EqualTo(("192.0.2.1", (int?)2222, "root")));
        Assert.That(Connection(inventory, "both"), Is.EqualTo(("192.0.2.2", (int?)22, "deploy")));
        Assert.That(Connection(inventory, "overridden").Address, Is.EqualTo("192.0.2.3"));
    }

    [Test]
    public void Load_TwoSources_MergedWithEachOnesGroupVars()
    {
        _temp.Write("a/hosts.yml", "web:\n  hosts:\n    web1:\n");
        _temp.Write("a/group_vars/web.yml", "from_a: 1\nshared: a\n");
        _temp.Write("b/hosts.yml", "web:\n  hosts:\n    web2:\n");
        _temp.Write("b/group_vars/web.yml", "from_b: 1\nshared: b\n");

        var inventory = InventoryLoader.Load([_temp.PathOf("a/hosts.yml"), _temp.PathOf("b/hosts.yml")], displayRoot: _temp.Root).Inventory;

        Assert.That(inventory.FindGroup("web")!.Hosts, Is.EqualTo(new[] { "web1", "web2" }));
        var vars = inventory.FindHost("web1")!.Vars;
        Assert.That(vars["from_a"], Is.EqualTo(1L));
        Assert.That(vars["from_b"], Is.EqualTo(1L));
        Assert.That(vars["shared"], Is.EqualTo("b"));
    }

    [Test]
    public void Load_VarsFilesForUnknownNames_WarnButLoad()
    {
        _temp.Write("hosts.yml", "web:\n  hosts:\n    web1:\n");
        _temp.Write("group_vars/webservers.yml", "x: 1\n");
        _temp.Write("host_vars/web9/main.yml", "x: 1\n");

        var result = Load("hosts.yml");

        Assert.That(result.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "warning: group_vars/webservers.yml: there is no group named 'webservers' in the inventory; the file is ignored",
            "warning: host_vars/web9: there is no host named 'web9' in the inventory; the file is ignored",
        }));
    }

    [Test]
    public void Load_GroupVarsIsAFile_Warns()
    {
        _temp.Write("hosts.yml", "web:\n  hosts:\n    web1:\n");
        _temp.Write("group_vars", "x: 1\n");

        var result = Load("hosts.yml");

        Assert.That(result.Warnings.Select(w => w.ToString()), Is.EqualTo(new[]
        {
            "group_vars:1:1: warning: 'group_vars' is a file, not a folder; it is ignored",
        }));
    }

    [Test]
    public void Load_SeveralBrokenFiles_ReportsEveryFile()
    {
        _temp.Write("inv/a.yml", "all: [\n");
        _temp.Write("inv/b.yml", "web:\n  hostz:\n");
        _temp.Write("inv/c.yml", "db:\n  hosts:\n    db1:\n");

        var ex = Assert.Throws<InvalidInputException>(() => Load("inv"));

        Assert.That(ex!.Diagnostics.Select(d => d.Location?.Path), Is.EqualTo(new[] { "inv/a.yml", "inv/b.yml" }));
    }

    [Test]
    public void Load_Folder_SkipsHiddenNonYamlAndVarsFolders()
    {
        _temp.Write("inv/hosts.yml", "web:\n  hosts:\n    web1:\n");
        _temp.Write("inv/.hidden.yml", "hidden:\n  hosts:\n    h:\n");
        _temp.Write("inv/hosts.ini", "[ini]\nh2\n");
        _temp.Write("inv/hosts.yml~", "backup:\n  hosts:\n    h3:\n");
        _temp.Write("inv/group_vars/web.yml", "x: 1\n");
        _temp.Write("inv/sub/more.yaml", "db:\n  hosts:\n    db1:\n");

        var inventory = Load("inv").Inventory;

        Assert.That(inventory.Hosts.Select(h => h.Name), Is.EqualTo(new[] { "web1", "db1" }));
        Assert.That(inventory.FindHost("web1")!.Vars["x"], Is.EqualTo(1L));
    }

    [Test]
    public void Load_GroupUnderTwoParents_DepthIsLongestChain()
    {
        _temp.Write("hosts.yml", """
            all:
              children:
                a:
                  children:
                    b:
                      children:
                        c:
                d:
                  children:
                    c:
            """);

        var inventory = Load("hosts.yml").Inventory;

        Assert.That(inventory.FindGroup("c")!.Depth, Is.EqualTo(3));
        Assert.That(inventory.FindGroup("c")!.Parents, Is.EqualTo(new[] { "b", "d" }));
        Assert.That(inventory.FindGroup("d")!.Depth, Is.EqualTo(1));
    }

    private InventoryLoadResult Load(string source) =>
        InventoryLoader.Load([_temp.PathOf(source)], displayRoot: _temp.Root);

    private static (string Address, int? Port, string? User) Connection(Core.Inventory.Inventory inventory, string name)
    {
        var host = inventory.FindHost(name)!;
        return (host.Address, host.Port, host.User);
    }
}
