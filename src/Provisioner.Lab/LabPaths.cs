namespace Provisioner.Lab;

/// <summary>Where a lab keeps its files under its state directory (default <c>.prov/lab/</c>).</summary>
public sealed record LabPaths(string StateDirectory)
{
    public string StateFile => Combine("lab.json");

    public string PrivateKey => Combine("id_ed25519");

    public string PublicKey => PrivateKey + ".pub";

    public string KnownHosts => Combine("known_hosts");

    public string Inventory => Combine("inventory.yml");

    public string ImageDirectory => Combine("image");

    public string AptCacherDirectory => Combine("apt-cacher-ng");

    public string AptCacherConfigDirectory => Path.Combine(AptCacherDirectory, "conf");

    public string AptCacherCache => Path.Combine(AptCacherDirectory, "cache");

    public string AptCacherLogs => Path.Combine(AptCacherDirectory, "log");

    public string AptCacherPidFile => Path.Combine(AptCacherDirectory, "apt-cacher-ng.pid");

    public string AptCacherOutput => Path.Combine(AptCacherDirectory, "output.log");

    public string DockerdDirectory => Combine("dockerd");

    public string DockerdPidFile => Path.Combine(DockerdDirectory, "dockerd.pid");

    public string DockerdLog => Path.Combine(DockerdDirectory, "dockerd.log");

    public static LabPaths For(string stateDirectory) => new(Path.GetFullPath(stateDirectory));

    private string Combine(string name) => Path.Combine(StateDirectory, name);
}
