namespace Provisioner.Cli.Tests.Inventory;

/// <summary>
/// Runs `prov inventory` on the cases under cases/inventory (expected files made by the real ansible-inventory)
/// and cases/inventory-errors, and compares what it prints byte for byte.
/// </summary>
[TestFixture]
public sealed class InventoryCommandTests
{
    private static string Cases => Path.Combine(AppContext.BaseDirectory, "cases", "inventory");

    private static string ErrorCases => Path.Combine(AppContext.BaseDirectory, "cases", "inventory-errors");

    private static IEnumerable<string> CaseNames() => Names(Cases);

    private static IEnumerable<string> ErrorCaseNames() => Names(ErrorCases);

    [TestCaseSource(nameof(CaseNames))]
    public async Task List_Case_PrintsWhatAnsibleInventoryPrints(string name)
    {
        var dir = Path.Combine(Cases, name);

        var result = await ProvRunner.RunAsync(dir, [.. Inventory(dir), "--list"]);

        AssertOk(result);
        Assert.That(result.Stdout, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "list.json"))));
    }

    [TestCaseSource(nameof(CaseNames))]
    public async Task Graph_Case_PrintsWhatAnsibleInventoryPrints(string name)
    {
        var dir = Path.Combine(Cases, name);

        var result = await ProvRunner.RunAsync(dir, [.. Inventory(dir), "--graph"]);

        AssertOk(result);
        Assert.That(result.Stdout, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "graph.txt"))));
    }

    // Every host's variables are compared in the Language tests and in --list; here the first and last host
    // of each case check --host end to end, which keeps the number of processes started down.
    [TestCaseSource(nameof(CaseNames))]
    public async Task Host_FirstAndLastHostOfCase_PrintsWhatAnsibleInventoryPrints(string name)
    {
        var dir = Path.Combine(Cases, name);
        var files = Directory.GetFiles(dir, "host-*.json").Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Is.Not.Empty);

        foreach (var file in files.Take(1).Concat(files.Skip(1).TakeLast(1)))
        {
            var host = Path.GetFileNameWithoutExtension(file)["host-".Length..];
            var result = await ProvRunner.RunAsync(dir, [.. Inventory(dir), "--host", host]);

            AssertOk(result);
            Assert.That(result.Stdout, Is.EqualTo(File.ReadAllText(file)), host);
        }
    }

    [TestCaseSource(nameof(ErrorCaseNames))]
    public async Task List_BadInventory_LocatedErrorsOnStderrExit4(string name)
    {
        var dir = Path.Combine(ErrorCases, name);

        var result = await ProvRunner.RunAsync(dir, "inventory", "-i", "hosts.yml", "--list");

        Assert.That(result.ExitCode, Is.EqualTo(4), result.Stderr);
        Assert.That(result.Stdout, Is.Empty);
        Assert.That(result.Stderr, Is.EqualTo(File.ReadAllText(Path.Combine(dir, "errors.txt"))));
    }

    [Test]
    public async Task Graph_GroupAndLimit_ShowsSubtreeWithLimitedHosts()
    {
        var dir = Path.Combine(Cases, "nested-children");

        var result = await ProvRunner.RunAsync(dir, "inventory", "-i", "hosts.yml", "--graph", "europe", "--limit", "!par-db1");

        AssertOk(result);
        Assert.That(result.Stdout, Is.EqualTo("""
            @europe:
              |--@paris:
              |  |--par-web1
              |--@berlin:
              |  |--ber-web1

            """));
    }

    [Test]
    public async Task List_LimitToOneGroup_DropsOtherHostsAndEmptyGroups()
    {
        var dir = Path.Combine(Cases, "basic");

        var result = await ProvRunner.RunAsync(dir, "inventory", "-i", "hosts.yml", "--list", "-l", "db:!web");

        AssertOk(result);
        Assert.That(result.Stdout, Is.EqualTo("""
            {
                "_meta": {
                    "hostvars": {
                        "db1": {
                            "ansible_user": "postgres",
                            "http_port": 80,
                            "ntp_server": "ntp.example.org",
                            "replica": false,
                            "settings": {
                                "max_connections": 100,
                                "shared_buffers": "128MB"
                            }
                        }
                    }
                },
                "all": {
                    "children": [
                        "ungrouped",
                        "web",
                        "db"
                    ]
                },
                "db": {
                    "hosts": [
                        "db1"
                    ]
                }
            }

            """));
    }

    [Test]
    public async Task List_LimitMatchingNothing_WarnsOnStderrExit0()
    {
        var dir = Path.Combine(Cases, "basic");

        var result = await ProvRunner.RunAsync(dir, "inventory", "-i", "hosts.yml", "--graph", "--limit", "nosuch");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Is.EqualTo("warning: host pattern 'nosuch' matches no host or group; ignoring it\n"));
        Assert.That(result.Stdout, Does.Not.Contain("web1"));
    }

    [TestCase(new[] { "--list" }, "error: no inventory given; pass -i with an inventory file or folder\n")]
    [TestCase(new[] { "-i", "hosts.yml" }, "error: say what to show: --list, --graph [GROUP] or --host NAME\n")]
    [TestCase(new[] { "-i", "hosts.yml", "--list", "--host", "web1" }, "error: --list, --graph and --host cannot be combined; choose one\n")]
    [TestCase(new[] { "-i", "hosts.yml", "--graph", "web1" }, "error: --graph takes a group name; there is no group 'web1' in the inventory\n")]
    [TestCase(new[] { "-i", "hosts.yml", "--host", "web9" }, "error: there is no host 'web9' in the inventory\n")]
    [TestCase(new[] { "-i", "hosts.yml", "--host", "web1", "--limit", "db:!web" }, "error: host 'web1' is outside --limit 'db:!web'\n")]
    [TestCase(new[] { "-i", "missing.yml", "--list" }, "error: inventory 'missing.yml' not found: give an inventory file or a folder of them\n")]
    public async Task Inventory_InvalidRequest_ExplainsOnStderrExit4(string[] args, string stderr)
    {
        var result = await ProvRunner.RunAsync(Path.Combine(Cases, "basic"), ["inventory", .. args]);

        Assert.That(result.ExitCode, Is.EqualTo(4));
        Assert.That(result.Stderr, Is.EqualTo(stderr));
        Assert.That(result.Stdout, Is.Empty);
    }

    [Test]
    public async Task Graph_TwoInventoryOptions_MergedInOrder()
    {
        var dir = Path.Combine(Cases, "inventory-folder");

        var result = await ProvRunner.RunAsync(dir, "inventory", "-i", "inventory/10-web.yml", "-i", "inventory/20-db.yaml", "--graph");

        AssertOk(result);
        Assert.That(result.Stdout, Is.EqualTo("""
            @all:
              |--@ungrouped:
              |--@web:
              |  |--web1
              |  |--web2
              |--@db:
              |  |--db1
              |  |--web1

            """));
    }

    [Test]
    public async Task Host_PlaybookDirGiven_PlaybookVarsWin()
    {
        var dir = Path.Combine(Cases, "vars-folders");

        var without = await ProvRunner.RunAsync(dir, "inventory", "-i", "inventory", "--host", "db1");
        var with = await ProvRunner.RunAsync(dir, "inventory", "-i", "inventory", "--host", "db1", "--playbook-dir", "playbook");

        AssertOk(without);
        AssertOk(with);
        Assert.That(without.Stdout, Does.Contain("\"db_engine\": \"postgresql\""));
        Assert.That(with.Stdout, Does.Contain("\"db_engine\": \"mariadb\""));
    }

    private static string[] Inventory(string dir)
    {
        var args = new List<string> { "inventory", "-i", File.Exists(Path.Combine(dir, "hosts.yml")) ? "hosts.yml" : "inventory" };
        if (Directory.Exists(Path.Combine(dir, "playbook")))
        {
            args.AddRange(["--playbook-dir", "playbook"]);
        }

        return [.. args];
    }

    private static void AssertOk(ProvRunner.Result result)
    {
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Stderr);
        Assert.That(result.Stderr, Is.Empty);
    }

    private static IEnumerable<string> Names(string root) =>
        Directory.GetDirectories(root).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal);
}
