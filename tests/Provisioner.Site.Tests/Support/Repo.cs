// Where the reference site lives: the repository the tests were built from.
namespace Provisioner.Site.Tests.Support;

internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Playbook => Path.Combine(Root, "playbooks", "site.yml");

    public static string RolesDirectory => Path.Combine(Root, "playbooks", "roles");

    public static string InventoryDirectory => Path.Combine(Root, "inventory");

    public static string InventoryFile => Path.Combine(InventoryDirectory, "site.yml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")) && File.Exists(Path.Combine(dir.FullName, "playbooks", "site.yml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no repository with Provisioner.sln and playbooks/site.yml above {AppContext.BaseDirectory}");
    }
}
