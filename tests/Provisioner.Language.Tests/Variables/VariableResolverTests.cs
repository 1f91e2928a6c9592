using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Variables;

namespace Provisioner.Language.Tests.Variables;

[TestFixture]
public sealed class VariableResolverTests
{
    private static readonly VarLayer[] Documented =
    [
        VarLayer.RoleDefaults,
        VarLayer.InventoryFileAll,
        VarLayer.InventoryFileGroups,
        VarLayer.InventoryGroupVarsAll,
        VarLayer.PlaybookGroupVarsAll,
        VarLayer.InventoryGroupVars,
        VarLayer.PlaybookGroupVars,
        VarLayer.InventoryFileHost,
        VarLayer.InventoryHostVars,
        VarLayer.PlaybookHostVars,
        VarLayer.Facts,
        VarLayer.PlayVars,
        VarLayer.VarsFiles,
        VarLayer.RoleVars,
        VarLayer.BlockVars,
        VarLayer.TaskVars,
        VarLayer.SetFacts,
        VarLayer.ExtraVars,
    ];

    private static IEnumerable<TestCaseData> AdjacentLayers() =>
        Documented.Zip(Documented.Skip(1)).Select(pair =>
            new TestCaseData(pair.First, pair.Second).SetName($"Resolve_{pair.Second}Over{pair.First}_HigherWins"));

    [Test]
    public void VarLayer_Values_AreInTheDocumentedPrecedenceOrder()
    {
        Assert.That(Enum.GetValues<VarLayer>(), Is.EqualTo(Documented));
    }

    [TestCaseSource(nameof(AdjacentLayers))]
    public void Resolve_AdjacentLayersDefineSameVariable_HigherWins(VarLayer lower, VarLayer higher)
    {
        // The higher layer is passed first: the layer decides, not the argument order.
        var resolved = VariableResolver.Resolve(
        [
            Source(higher, ("port", (long)2), ("only_high", "h")),
            Source(lower, ("port", (long)1), ("only_low", "l")),
        ]);

        Assert.That(resolved.Values["port"], Is.EqualTo(2L));
        Assert.That(resolved.SourceOf("port")!.Layer, Is.EqualTo(higher));
        Assert.That(resolved.Values["only_low"], Is.EqualTo("l"));
        Assert.That(resolved.Values["only_high"], Is.EqualTo("h"));
    }

    [Test]
    public void Resolve_MapsAtTwoLayers_ReplacedNotMerged()
    {
        var low = PlainData.NewMap();
        low["port"] = 80L;
        low["tls"] = true;
        var high = PlainData.NewMap();
        high["port"] = 8080L;

        var values = VariableResolver.Merge([Source(VarLayer.PlayVars, ("nginx", high)), Source(VarLayer.RoleDefaults, ("nginx", low))]);

        Assert.That(PlainData.DeepEquals(values["nginx"], high), Is.True, PlainData.ToDisplayString(values["nginx"]));
    }

    [Test]
    public void Resolve_SameLayerTwice_LaterSourceWins()
    {
        var values = VariableResolver.Merge(
        [
            Source(VarLayer.VarsFiles, ("x", "first.yml")),
            Source(VarLayer.ExtraVars, ("y", "extra")),
            Source(VarLayer.VarsFiles, ("x", "second.yml")),
        ]);

        Assert.That(values["x"], Is.EqualTo("second.yml"));
    }

    [Test]
    public void Resolve_NestedValue_ResultDoesNotAliasInput()
    {
        var list = new List<object?> { "nginx" };
        var values = VariableResolver.Merge([Source(VarLayer.PlayVars, ("packages", list))]);

        list.Add("curl");

        Assert.That((IReadOnlyList<object?>)values["packages"]!, Is.EqualTo(new object?[] { "nginx" }));
    }

    [Test]
    public void Resolve_KeyRedefinedLater_KeepsFirstPositionInOrder()
    {
        var values = VariableResolver.Merge(
        [
            Source(VarLayer.RoleDefaults, ("a", 1L), ("b", 1L)),
            Source(VarLayer.TaskVars, ("c", 2L), ("a", 2L)),
        ]);

        Assert.That(values.Keys, Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void LocationOf_WinningSourceHasLocations_ReturnsWhereItWasWritten()
    {
        var where = new SourceLocation("group_vars/web.yml", 3, 1);
        var located = new VarSource(VarLayer.InventoryGroupVars, Map(("port", 80L)), "group_vars/web.yml")
        {
            Locations = new Dictionary<string, SourceLocation> { ["port"] = where },
        };

        var resolved = VariableResolver.Resolve([Source(VarLayer.RoleDefaults, ("port", 1L)), located]);

        Assert.That(resolved.LocationOf("port"), Is.EqualTo(where));
        Assert.That(resolved.LocationOf("missing"), Is.Null);
        Assert.That(resolved.SourceOf("missing"), Is.Null);
    }

    [Test]
    public void Resolve_NoSources_IsEmpty()
    {
        Assert.That(VariableResolver.Merge([]), Is.Empty);
    }

    private static VarSource Source(VarLayer layer, params (string Name, object? Value)[] vars) =>
        new(layer, Map(vars), layer.ToString());

    private static OrderedDictionary<string, object?> Map(params (string Name, object? Value)[] vars)
    {
        var map = PlainData.NewMap();
        foreach (var (name, value) in vars)
        {
            map[name] = value;
        }

        return map;
    }
}
