using System.Text.Json;
using Provisioner.Core.Data;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Tests.Inventory;

/// <summary>The data-driven cases under cases/inventory (expected files made by the real ansible-inventory; see README there).</summary>
internal static class InventoryCases
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "cases", "inventory");

    public static string ErrorRoot => Path.Combine(AppContext.BaseDirectory, "cases", "inventory-errors");

    public static IEnumerable<string> Names() =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static IEnumerable<string> ErrorNames() =>
        Directory.GetDirectories(ErrorRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>The -i source of a case: hosts.yml, else the inventory/ folder.</summary>
    public static string Source(string caseDir) =>
        File.Exists(Path.Combine(caseDir, "hosts.yml")) ? "hosts.yml" : "inventory";

    public static string? PlaybookDir(string caseDir) =>
        Directory.Exists(Path.Combine(caseDir, "playbook")) ? Path.Combine(caseDir, "playbook") : null;

    public static InventoryLoadResult Load(string caseDir) =>
        InventoryLoader.Load([Path.Combine(caseDir, Source(caseDir))], PlaybookDir(caseDir), displayRoot: caseDir);

    public static object? ReadJson(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return ToPlain(document.RootElement);
    }

    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ToMap(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    private static OrderedDictionary<string, object?> ToMap(JsonElement element)
    {
        var map = PlainData.NewMap();
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ToPlain(property.Value);
        }

        return map;
    }
}
