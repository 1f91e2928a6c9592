using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;

namespace Provisioner.Language.Inventory;

/// <summary>The hosts a pattern selected, in inventory order, and a warning for each part that matched nothing.</summary>
public sealed record HostSelection(IReadOnlyList<InventoryHost> Hosts, IReadOnlyList<Diagnostic> Warnings);
