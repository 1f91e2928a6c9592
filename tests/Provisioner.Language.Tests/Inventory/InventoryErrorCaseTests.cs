using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Tests.Inventory;

/// <summary>Each bad inventory under cases/inventory-errors must fail with exactly the located messages in its errors.txt.</summary>
[TestFixture]
public sealed class InventoryErrorCaseTests
{
    private static IEnumerable<string> Cases() => InventoryCases.ErrorNames();

    [TestCaseSource(nameof(Cases))]
    public void Load_BadInventory_ReportsEveryLocatedError(string name)
    {
        var dir = Path.Combine(InventoryCases.ErrorRoot, name);
        var expected = File.ReadAllLines(Path.Combine(dir, "errors.txt")).Where(l => l.Length > 0);

        var ex = Assert.Throws<InvalidInputException>(() => InventoryCases.Load(dir));

        Assert.That(ex!.Diagnostics.Select(d => d.ToString()), Is.EqualTo(expected));
    }
}
