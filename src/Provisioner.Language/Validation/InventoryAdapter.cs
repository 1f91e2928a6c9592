using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Validation;

/// <summary>Loads the inventories given to a syntax check; problems become diagnostics like the playbook's own.</summary>
internal static class InventoryAdapter
{
    public static (Core.Inventory.Inventory? Inventory, IReadOnlyList<Diagnostic> Diagnostics) Load(IReadOnlyList<string> sources, string playbookPath, string baseDirectory)
    {
        var full = sources.Select(s => Path.GetFullPath(s, baseDirectory)).ToList();
        var missing = sources.Where((_, i) => !File.Exists(full[i]) && !Directory.Exists(full[i]))
            .Select(s => Diagnostic.Error(null, $"inventory '{s}' not found: give an inventory file or a folder of them"))
            .ToList();
        if (missing.Count > 0)
        {
            return (null, missing);
        }

        var playbookDirectory = Path.GetDirectoryName(Path.GetFullPath(playbookPath, baseDirectory));
        try
        {
            var result = InventoryLoader.Load(full, playbookDirectory, baseDirectory);
            return (result.Inventory, result.Warnings);
        }
        catch (InvalidInputException ex)
        {
            return (null, ex.Diagnostics);
        }
    }

    /// <summary>Every variable name the inventory defines for some host or group, at any level.</summary>
    public static IEnumerable<string> VariableNames(Core.Inventory.Inventory inventory) =>
        inventory.Hosts.SelectMany(h => h.Vars.Keys)
            .Concat(inventory.Groups.SelectMany(g => g.Vars.Values.Keys.Concat(g.InventoryGroupVars.Values.Keys).Concat(g.PlaybookGroupVars.Values.Keys)));
}
