using Provisioner.Language.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>Inputs of a validation besides the playbook: how to read it, and the inventory when one was given.</summary>
public sealed record ValidationOptions
{
    public PlaybookOptions Playbook { get; init; } = new();

    /// <summary>
    /// Null when no inventory was given: host patterns are not checked and, since inventory variables are unknown,
    /// undefined variables are warnings rather than errors.
    /// </summary>
    public Core.Inventory.Inventory? Inventory { get; init; }

    /// <summary>False skips the undefined-variable check (used when the given inventory could not be read).</summary>
    public bool CheckUndefinedVariables { get; init; } = true;
}
