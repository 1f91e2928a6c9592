using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Validation;

/// <summary>Loads inventories for validation and exposes what the validator needs from them.</summary>
internal static class InventoryAdapter
{
    public static (InventoryView? Inventory, IReadOnlyList<Diagnostic> Diagnostics) Load(IReadOnlyList<string> sources, string playbookPath, string baseDirectory)
    {
        // TODO: replace with the inventory loader once it is available on main.
        _ = playbookPath;
        _ = baseDirectory;
        return (null, [Diagnostic.Warning(null, $"inventory {string.Join(", ", sources)} not read: inventory support is not available in this build; host patterns and inventory variables are not checked")]);
    }
}
