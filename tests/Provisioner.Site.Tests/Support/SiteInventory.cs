// A copy of the reference inventory in a scratch folder, with the test's secrets.yml and optional host_vars, loaded
// with the real inventory loader. The repository's own inventory folder is never written to.
using Provisioner.Language.Inventory;

namespace Provisioner.Site.Tests.Support;

internal sealed class SiteInventory : IDisposable
{
    private SiteInventory(string directory, Core.Inventory.Inventory inventory)
    {
        Directory = directory;
        Inventory = inventory;
    }

    public string Directory { get; }

    public string File => Path.Combine(Directory, "site.yml");

    public Core.Inventory.Inventory Inventory { get; }

    /// <param name="secrets">Written as group_vars/all/secrets.yml; null writes none, as on a site where the user forgot it.</param>
    /// <param name="hostVars">Written as host_vars/HOST.yml (they win over inventory/site.yml and group_vars).</param>
    /// <param name="editSiteYml">Changes the text of site.yml before it is loaded.</param>
    public static SiteInventory Create(
        IReadOnlyDictionary<string, object?>? secrets,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>? hostVars = null,
        Func<string, string>? editSiteYml = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("prov-site-inventory-").FullName;
        var text = System.IO.File.ReadAllText(Repo.InventoryFile);
        System.IO.File.WriteAllText(Path.Combine(directory, "site.yml"), editSiteYml?.Invoke(text) ?? text);

        var groupVars = Path.Combine(Repo.InventoryDirectory, "group_vars");
        foreach (var file in System.IO.Directory.EnumerateFiles(groupVars, "*", SearchOption.AllDirectories))
        {
            // A developer's real secrets never reach a test.
            if (Path.GetFileName(file) == "secrets.yml")
            {
                continue;
            }

            var target = Path.Combine(directory, "group_vars", Path.GetRelativePath(groupVars, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            System.IO.File.Copy(file, target);
        }

        if (secrets is not null)
        {
            YamlVars.Write(Path.Combine(directory, "group_vars", "all", "secrets.yml"), secrets);
        }

        foreach (var (host, vars) in hostVars ?? new Dictionary<string, IReadOnlyDictionary<string, object?>>())
        {
            YamlVars.Write(Path.Combine(directory, "host_vars", host + ".yml"), vars);
        }

        var loaded = InventoryLoader.Load([Path.Combine(directory, "site.yml")]);
        return new SiteInventory(directory, loaded.Inventory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
