using Provisioner.Core.Data;

namespace Provisioner.Controller.Planning;

/// <summary>
/// How gathered facts appear as variables, the same way the agent shows them to a host's own tasks: the whole map
/// under <c>facts</c> (and <c>ansible_facts</c>), every top-level fact <c>k</c> as <c>prov_k</c>, and the flattened
/// names Ansible users reach for (prov_os_family, prov_distribution, ...).
/// </summary>
internal static class FactNames
{
    public static OrderedDictionary<string, object?> Variables(IReadOnlyDictionary<string, object?> facts)
    {
        var vars = PlainData.NewMap();
        vars["facts"] = facts;
        vars["ansible_facts"] = facts;
        foreach (var (key, value) in facts)
        {
            vars["prov_" + key] = value;
        }

        if (facts.TryGetValue("os", out var o) && o is IReadOnlyDictionary<string, object?> os)
        {
            vars["prov_os_family"] = os.GetValueOrDefault("family");
            vars["prov_distribution"] = os.GetValueOrDefault("id");
            vars["prov_distribution_version"] = os.GetValueOrDefault("version_id");
            vars["prov_distribution_major_version"] = os.GetValueOrDefault("major_version");
            vars["prov_distribution_release"] = os.GetValueOrDefault("codename");
        }

        if (facts.TryGetValue("cpu", out var c) && c is IReadOnlyDictionary<string, object?> cpu)
        {
            vars["prov_processor_count"] = cpu.GetValueOrDefault("count");
        }

        if (facts.TryGetValue("memory", out var m) && m is IReadOnlyDictionary<string, object?> memory)
        {
            vars["prov_memtotal_mb"] = memory.GetValueOrDefault("total_mb");
        }

        return vars;
    }
}
