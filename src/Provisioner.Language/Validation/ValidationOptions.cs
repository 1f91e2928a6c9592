using Provisioner.Language.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>Inputs of a validation besides the playbook: how to read it, and the inventory when one was given.</summary>
public sealed record ValidationOptions
{
    public PlaybookOptions Playbook { get; init; } = new();

    /// <summary>Null when no inventory was given: host patterns are not checked, inventory variables are not known.</summary>
    public InventoryView? Inventory { get; init; }
}
