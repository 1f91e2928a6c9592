using Provisioner.Core.Inventory;
using Provisioner.Core.Playbooks;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Which variables are secret, so that the agent and the controller mask their values everywhere. The rule:
/// <list type="number">
/// <item>every variable defined in a vars file whose file name contains <c>vault</c> or <c>secret</c> (any case):
/// <c>vars_files</c> entries, <c>group_vars/</c> and <c>host_vars/</c> files (e.g. <c>group_vars/db/vault.yml</c>),
/// and <c>-e @secrets.yml</c>;</item>
/// <item>every variable whose name starts with <c>vault_</c> (Ansible's convention for vaulted values);</item>
/// <item>for a task with <c>no_log: true</c> (its own or inherited from a block, role or play): the variable it
/// registers and the variables of its <c>vars:</c> (and of a no_log block's <c>vars:</c>).</item>
/// </list>
/// Names are global to the run: a name secret anywhere is masked for every host.
/// </summary>
public static class SecretNames
{
    public static IReadOnlyList<string> Collect(Playbook playbook, Core.Inventory.Inventory inventory, IEnumerable<string> secretExtraVars)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(secretExtraVars);
        var names = new SortedSet<string>(secretExtraVars, StringComparer.Ordinal);
        foreach (var group in inventory.Groups)
        {
            AddFromFiles(names, group.Vars, group.InventoryGroupVars, group.PlaybookGroupVars);
        }

        foreach (var host in inventory.Hosts)
        {
            AddFromFiles(names, host.HostVars, host.InventoryHostVars, host.PlaybookHostVars);
            names.UnionWith(host.Vars.Keys.Where(IsVaultName));
        }

        foreach (var play in playbook.Plays)
        {
            foreach (var file in play.VarsFiles)
            {
                names.UnionWith(file.Vars.Keys.Where(n => IsSecretFile(file.ResolvedPath ?? file.Path) || IsVaultName(n)));
            }

            names.UnionWith(play.Vars.Keys.Where(IsVaultName));
            var noLog = play.NoLog ?? false;
            AddNoLog(names, play.PreTasks.Concat(play.Tasks).Concat(play.PostTasks).Concat(play.Handlers), noLog);
            if (noLog)
            {
                foreach (var application in RoleExpansion.Expand(play, playbook.Roles))
                {
                    AddNoLog(names, application.Role.Tasks.Concat(application.Role.Handlers), outerNoLog: true);
                }
            }
        }

        foreach (var role in playbook.Roles.Values)
        {
            names.UnionWith(role.Defaults.Keys.Concat(role.Vars.Keys).Where(IsVaultName));
            AddNoLog(names, role.Tasks.Concat(role.Handlers), outerNoLog: false);
        }

        return names.ToList();
    }

    /// <summary>True when a vars file's name marks its variables secret.</summary>
    public static bool IsSecretFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        return name.Contains("vault", StringComparison.OrdinalIgnoreCase) || name.Contains("secret", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsVaultName(string name) => name.StartsWith("vault_", StringComparison.Ordinal);

    private static void AddFromFiles(SortedSet<string> names, params LocatedVars[] sources)
    {
        foreach (var vars in sources)
        {
            foreach (var name in vars.Values.Keys)
            {
                if (IsVaultName(name) || (vars.LocationOf(name) is { } at && IsSecretFile(at.Path)))
                {
                    names.Add(name);
                }
            }
        }
    }

    private static void AddNoLog(SortedSet<string> names, IEnumerable<TaskNode> nodes, bool outerNoLog)
    {
        foreach (var node in nodes)
        {
            var noLog = node.NoLog ?? outerNoLog;
            if (noLog)
            {
                names.UnionWith(node.Vars.Keys);
            }

            names.UnionWith(node.Vars.Keys.Where(IsVaultName));
            switch (node)
            {
                case TaskSpec { Register: { } register } when noLog:
                    names.Add(register);
                    break;
                case BlockSpec block:
                    AddNoLog(names, block.Block.Concat(block.Rescue).Concat(block.Always), noLog);
                    break;
            }
        }
    }
}
