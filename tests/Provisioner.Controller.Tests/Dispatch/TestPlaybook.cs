using Provisioner.Controller.Planning;
using Provisioner.Modules;

namespace Provisioner.Controller.Tests.Dispatch;

/// <summary>Writes a playbook and an inventory to a temporary folder and compiles them as prov apply does.</summary>
internal static class TestPlaybook
{
    public static CompiledPlaybook Compile(string site, string hosts, string? limit = null)
    {
        var directory = Directory.CreateTempSubdirectory("prov-dispatch-").FullName;
        File.WriteAllText(Path.Combine(directory, "site.yml"), site);
        File.WriteAllText(Path.Combine(directory, "hosts.yml"), hosts);
        try
        {
            return new RunPreparer(ModuleCatalog.Schemas).Prepare(new ApplyRequest(Path.Combine(directory, "site.yml"))
            {
                Inventories = [Path.Combine(directory, "hosts.yml")],
                BaseDirectory = directory,
                Limit = limit,
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An inventory with these hosts in group <c>app</c>.</summary>
    public static string Hosts(params string[] names) =>
        "app:\n  hosts:\n" + string.Concat(names.Select(n => $"    {n}:\n"));

    public static string[] Numbered(int count) => Enumerable.Range(1, count).Select(i => $"h{i:00}").ToArray();
}
