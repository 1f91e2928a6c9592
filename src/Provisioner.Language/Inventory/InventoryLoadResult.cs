using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Inventory;

/// <summary>A loaded inventory and the warnings found on the way (errors are thrown, all at once).</summary>
public sealed record InventoryLoadResult(Core.Inventory.Inventory Inventory, IReadOnlyList<Diagnostic> Warnings);
