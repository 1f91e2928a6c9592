namespace Provisioner.Language.Variables;

/// <summary>
/// The levels a variable can be defined at, lowest precedence first (Ansible's order; see docs/variables.md).
/// A higher level replaces a variable of a lower one entirely; maps are not merged.
/// </summary>
public enum VarLayer
{
    /// <summary><c>roles/X/defaults/main.yml</c>.</summary>
    RoleDefaults,

    /// <summary><c>vars</c> of group <c>all</c> in the inventory file(s).</summary>
    InventoryFileAll,

    /// <summary><c>vars</c> of the host's other groups in the inventory file(s), parent before child.</summary>
    InventoryFileGroups,

    /// <summary><c>group_vars/all</c> beside the inventory.</summary>
    InventoryGroupVarsAll,

    /// <summary><c>group_vars/all</c> beside the playbook.</summary>
    PlaybookGroupVarsAll,

    /// <summary><c>group_vars/GROUP</c> beside the inventory, parent before child.</summary>
    InventoryGroupVars,

    /// <summary><c>group_vars/GROUP</c> beside the playbook, parent before child.</summary>
    PlaybookGroupVars,

    /// <summary>Variables written on the host in the inventory file(s).</summary>
    InventoryFileHost,

    /// <summary><c>host_vars/HOST</c> beside the inventory.</summary>
    InventoryHostVars,

    /// <summary><c>host_vars/HOST</c> beside the playbook.</summary>
    PlaybookHostVars,

    /// <summary>Facts gathered from the host.</summary>
    Facts,

    /// <summary>The play's <c>vars</c>.</summary>
    PlayVars,

    /// <summary>The play's <c>vars_files</c>, in the order listed.</summary>
    VarsFiles,

    /// <summary><c>roles/X/vars/main.yml</c>.</summary>
    RoleVars,

    /// <summary><c>vars</c> of enclosing blocks, outer before inner.</summary>
    BlockVars,

    /// <summary>The task's <c>vars</c>.</summary>
    TaskVars,

    /// <summary>Results of <c>register</c> and <c>set_fact</c>.</summary>
    SetFacts,

    /// <summary><c>-e</c> / <c>--extra-vars</c> on the command line; always wins.</summary>
    ExtraVars,
}
