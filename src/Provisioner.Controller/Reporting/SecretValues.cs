using Provisioner.Controller.Planning;

namespace Provisioner.Controller.Reporting;

/// <summary>
/// The controller's masker for a run: the literal values, in every plan and in every inventory host's variables, of
/// the variables the plans name secret. Templated values are skipped (the agent masks what they render to).
/// </summary>
public static class SecretValues
{
    public static SecretMasker For(CompiledPlaybook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var masker = new SecretMasker();
        var plans = playbook.Plays.SelectMany(p => p.Plans.Values).ToList();
        var names = plans.SelectMany(p => p.SecretVars).ToHashSet(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            foreach (var name in names)
            {
                if (plan.Vars.TryGetValue(name, out var value))
                {
                    masker.Add(value);
                }

                if (plan.ExtraVars.TryGetValue(name, out var extra))
                {
                    masker.Add(extra);
                }
            }
        }

        foreach (var host in playbook.Inventory.Hosts)
        {
            foreach (var name in names.Where(host.Vars.ContainsKey))
            {
                masker.Add(host.Vars[name]);
            }
        }

        return masker;
    }
}
