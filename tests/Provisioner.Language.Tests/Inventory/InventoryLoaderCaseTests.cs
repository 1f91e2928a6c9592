using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Tests.Inventory;

/// <summary>Each case's inventory must load to what ansible-inventory printed for it.</summary>
[TestFixture]
public sealed class InventoryLoaderCaseTests
{
    private static IEnumerable<string> Cases() => InventoryCases.Names();

    private static IEnumerable<string> CasesWithPatterns() =>
        InventoryCases.Names().Where(n => File.Exists(Path.Combine(InventoryCases.Root, n, "patterns.json")));

    [TestCaseSource(nameof(Cases))]
    public void Load_Case_HostVarsEqualAnsibleHostOutput(string name)
    {
        var dir = Path.Combine(InventoryCases.Root, name);
        var inventory = InventoryCases.Load(dir).Inventory;

        var expectedHosts = Directory.GetFiles(dir, "host-*.json").Select(f => Path.GetFileNameWithoutExtension(f)["host-".Length..]);
        Assert.That(inventory.Hosts.Select(h => h.Name), Is.EquivalentTo(expectedHosts), "hosts");
        foreach (var host in inventory.Hosts)
        {
            var expected = InventoryCases.ReadJson(Path.Combine(dir, $"host-{host.Name}.json"));
            Assert.That(
                PlainData.DeepEquals(host.Vars, expected),
                Is.True,
                $"vars of {host.Name}:\n  prov:    {PlainData.ToDisplayString(host.Vars)}\n  ansible: {PlainData.ToDisplayString(expected)}");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void Load_Case_GroupsEqualAnsibleList(string name)
    {
        var dir = Path.Combine(InventoryCases.Root, name);
        var inventory = InventoryCases.Load(dir).Inventory;
        var list = (IReadOnlyDictionary<string, object?>)InventoryCases.ReadJson(Path.Combine(dir, "list.json"))!;

        // ansible-inventory --list drops empty "hosts"/"children" and then groups left empty; "all" shows no hosts.
        var expectedGroups = list.Keys.Where(k => k != "_meta").Order(StringComparer.Ordinal);
        var shownGroups = inventory.Groups
            .Where(g => g.Children.Count > 0 || (g.Name != InventoryGroup.All && g.Hosts.Count > 0))
            .Select(g => g.Name)
            .Order(StringComparer.Ordinal);
        Assert.That(shownGroups, Is.EqualTo(expectedGroups), "groups");

        foreach (var group in inventory.Groups)
        {
            var entry = list.GetValueOrDefault(group.Name) as IReadOnlyDictionary<string, object?>;
            Assert.That(group.Children, Is.EqualTo(Names(entry, "children")), $"children of {group.Name}");
            if (group.Name != InventoryGroup.All)
            {
                Assert.That(group.Hosts, Is.EqualTo(Names(entry, "hosts")), $"hosts of {group.Name}");
            }
        }
    }

    [TestCaseSource(nameof(CasesWithPatterns))]
    public void Select_CasePatterns_EqualAnsibleGetHosts(string name)
    {
        var dir = Path.Combine(InventoryCases.Root, name);
        var file = Path.Combine(dir, "patterns.json");
        var inventory = InventoryCases.Load(dir).Inventory;
        var entries = (IReadOnlyList<object?>)InventoryCases.ReadJson(file)!;
        Assert.That(entries, Is.Not.Empty);
        foreach (var entry in entries.Cast<IReadOnlyDictionary<string, object?>>())
        {
            var pattern = (string)entry["pattern"]!;
            var limit = entry.GetValueOrDefault("limit") as string;
            var label = limit is null ? pattern : $"{pattern} --limit {limit}";
            if (entry.ContainsKey("error"))
            {
                Assert.That(() => HostPatterns.Select(inventory, pattern, limit), Throws.TypeOf<InvalidInputException>(), label);
                continue;
            }

            var selection = HostPatterns.Select(inventory, pattern, limit);
            Assert.That(selection.Hosts.Select(h => h.Name), Is.EqualTo(Names(entry, "hosts")), label);
            var unmatched = Names(entry, "unmatched");
            var noMatchWarnings = selection.Warnings.Where(w => w.Message.Contains("matches no host", StringComparison.Ordinal));
            Assert.That(noMatchWarnings.Count(), Is.EqualTo(unmatched.Count), $"warnings for {label}");
            foreach (var term in unmatched)
            {
                Assert.That(selection.Warnings.Select(w => w.Message), Has.Some.Contains($"'{term}'"), $"warning for '{term}' in {label}");
            }
        }
    }

    private static List<string> Names(IReadOnlyDictionary<string, object?>? entry, string key) =>
        entry?.GetValueOrDefault(key) is IReadOnlyList<object?> names ? names.Cast<string>().ToList() : [];
}
