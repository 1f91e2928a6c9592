using Provisioner.Core.Inventory;
using Provisioner.Language.Inventory;
using Provisioner.Language.Tests.Inventory;
using Provisioner.Language.Variables;

namespace Provisioner.Language.Tests.Variables;

[TestFixture]
public sealed class InventoryVariablesTests
{
    private static readonly VarLayer[] InventoryLevels =
    [
        VarLayer.InventoryFileAll,
        VarLayer.InventoryFileGroups,
        VarLayer.InventoryGroupVarsAll,
        VarLayer.PlaybookGroupVarsAll,
        VarLayer.InventoryGroupVars,
        VarLayer.PlaybookGroupVars,
        VarLayer.InventoryFileHost,
        VarLayer.InventoryHostVars,
        VarLayer.PlaybookHostVars,
    ];

    private static IEnumerable<TestCaseData> AdjacentLevels() =>
        InventoryLevels.Zip(InventoryLevels.Skip(1)).Select(pair =>
            new TestCaseData(pair.First, pair.Second).SetName($"Load_{pair.Second}Over{pair.First}_HigherWins"));

    [TestCaseSource(nameof(AdjacentLevels))]
    public void Load_AdjacentLevelsDefineSameVariable_HigherWins(VarLayer lower, VarLayer higher)
    {
        using var temp = new TempInventory();
        Define(temp, lower, "low");
        Define(temp, higher, "high");
        var inventory = InventoryLoader.Load([temp.PathOf("inventory/hosts.yml")], temp.PathOf("playbook"), temp.Root).Inventory;
        var web1 = inventory.FindHost("web1")!;

        Assert.That(web1.Vars["x"], Is.EqualTo("high"));
        var layers = InventoryVariables.Layers(inventory, web1);
        Assert.That(layers.Select(l => l.Layer), Is.EqualTo(new[] { lower, higher }));
        Assert.That(VariableResolver.Resolve(layers).SourceOf("x")!.Layer, Is.EqualTo(higher));
    }

    [Test]
    public void Layers_GroupsOfOneHost_OrderedByDepthThenPriorityThenName()
    {
        using var temp = new TempInventory();
        temp.Write("hosts.yml", """
            all:
              children:
                zeta:
                  vars: {x: zeta}
                  hosts: {h1: }
                beta:
                  vars: {x: beta, ansible_group_priority: 3}
                  hosts: {h1: }
                alpha:
                  vars: {x: alpha, ansible_group_priority: 3}
                  hosts: {h1: }
                parent:
                  vars: {x: parent}
                  children:
                    child:
                      vars: {x: child}
                      hosts: {h1: }
            """);
        var inventory = InventoryLoader.Load([temp.PathOf("hosts.yml")], displayRoot: temp.Root).Inventory;
        var host = inventory.FindHost("h1")!;

        var origins = InventoryVariables.Layers(inventory, host).Select(l => l.Origin);

        Assert.That(origins, Is.EqualTo(new[]
        {
            "group 'parent' in the inventory",
            "group 'zeta' in the inventory",
            "group 'alpha' in the inventory",
            "group 'beta' in the inventory",
            "group 'child' in the inventory",
        }));
        Assert.That(host.Vars["x"], Is.EqualTo("child"));
    }

    [Test]
    public void MagicVars_HostInNestedGroups_ListsGroupsAndNames()
    {
        using var temp = new TempInventory();
        temp.Write("hosts.yml", """
            all:
              hosts:
                lone.example.org:
              children:
                web:
                  hosts: {web1.example.org: }
                  children:
                    canary:
                      hosts: {web2: }
            """);
        var inventory = InventoryLoader.Load([temp.PathOf("hosts.yml")], displayRoot: temp.Root).Inventory;

        var magic = InventoryVariables.MagicVars(inventory, inventory.FindHost("web2")!);

        Assert.That(magic["inventory_hostname"], Is.EqualTo("web2"));
        Assert.That(magic["group_names"], Is.EqualTo(new object?[] { "canary", "web" }));
        var groups = (IReadOnlyDictionary<string, object?>)magic["groups"]!;
        Assert.That(groups["web"], Is.EqualTo(new object?[] { "web1.example.org", "web2" }));
        Assert.That(groups["all"], Is.EqualTo(new object?[] { "lone.example.org", "web1.example.org", "web2" }));
        Assert.That(groups["ungrouped"], Is.EqualTo(new object?[] { "lone.example.org" }));
        var lone = InventoryVariables.MagicVars(inventory, inventory.FindHost("lone.example.org")!);
        Assert.That(lone["inventory_hostname_short"], Is.EqualTo("lone"));
        Assert.That(lone["group_names"], Is.EqualTo(new object?[] { "ungrouped" }));
    }

    private static void Define(TempInventory temp, VarLayer layer, string value)
    {
        var all = layer == VarLayer.InventoryFileAll ? $"{{x: {value}}}" : "{}";
        var web = layer == VarLayer.InventoryFileGroups ? $"{{x: {value}}}" : "{}";
        var host = layer == VarLayer.InventoryFileHost ? $"{{x: {value}}}" : "{}";
        var hostsFile = temp.PathOf("inventory/hosts.yml");
        var existing = File.Exists(hostsFile) ? File.ReadAllText(hostsFile) : null;
        var text = $"all:\n  vars: {all}\n  children:\n    web:\n      vars: {web}\n      hosts:\n        web1: {host}\n";
        if (existing is null || layer is VarLayer.InventoryFileAll or VarLayer.InventoryFileGroups or VarLayer.InventoryFileHost)
        {
            // Merge with an earlier definition in the same file: keep any x already written.
            temp.Write("inventory/hosts.yml", existing is null ? text : MergeHostsFile(existing, text));
        }

        var file = layer switch
        {
            VarLayer.InventoryGroupVarsAll => "inventory/group_vars/all.yml",
            VarLayer.PlaybookGroupVarsAll => "playbook/group_vars/all.yml",
            VarLayer.InventoryGroupVars => "inventory/group_vars/web.yml",
            VarLayer.PlaybookGroupVars => "playbook/group_vars/web.yml",
            VarLayer.InventoryHostVars => "inventory/host_vars/web1.yml",
            VarLayer.PlaybookHostVars => "playbook/host_vars/web1.yml",
            _ => null,
        };
        if (file is not null)
        {
            temp.Write(file, $"x: {value}\n");
        }
    }

    // Line by line, a "{x: ...}" in either version wins over "{}".
    private static string MergeHostsFile(string existing, string update) =>
        string.Join('\n', existing.Split('\n').Zip(update.Split('\n')).Select(p => p.Second.Contains("{x:", StringComparison.Ordinal) ? p.Second : p.First));
}
