namespace Provisioner.Language.Validation;

/// <summary>Names the controller and agent provide to every task without the playbook defining them.</summary>
internal static class MagicVariables
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "facts", "ansible_facts", "inventory_hostname", "inventory_hostname_short", "groups", "group_names", "hostvars",
        "play_hosts", "ansible_play_hosts", "ansible_play_batch", "item", "playbook_dir", "role_name", "role_path",
        "omit", "ansible_check_mode", "ansible_diff_mode", "ansible_play_hosts_all",
        "prov_play_name", "prov_run_id", "prov_check_mode", "prov_diff_mode",
    };
}
