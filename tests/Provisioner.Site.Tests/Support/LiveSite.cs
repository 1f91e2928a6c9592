// Part of the site running for real: the chosen hosts as network namespaces with their own addresses, the
// inventory with the test's secrets and those addresses, and a scratch folder per host for files and data.
using Provisioner.Core.Data;

namespace Provisioner.Site.Tests.Support;

internal sealed class LiveSite : IAsyncDisposable
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, object?>> _paths;

    private LiveSite(SiteModel site, HostNetwork network, SiteInventory inventory, string root,
        IReadOnlyDictionary<string, object?> secrets, IReadOnlyDictionary<string, object?> extraVars,
        Dictionary<string, IReadOnlyDictionary<string, object?>> paths)
    {
        Site = site;
        Network = network;
        Inventory = inventory;
        Root = root;
        Secrets = secrets;
        ExtraVars = extraVars;
        _paths = paths;
    }

    public SiteModel Site { get; }

    public HostNetwork Network { get; }

    public SiteInventory Inventory { get; }

    public string Root { get; }

    public IReadOnlyDictionary<string, object?> Secrets { get; }

    public IReadOnlyDictionary<string, object?> ExtraVars { get; }

    /// <param name="extraVars">Tunables for a test that must not wait long (e.g. shorter health-check periods).</param>
    public static async Task<LiveSite> StartAsync(SiteModel site, IReadOnlyList<string> hosts, IReadOnlyDictionary<string, object?>? extraVars = null)
    {
        var network = await HostNetwork.CreateAsync(hosts);
        var root = Directory.CreateTempSubdirectory("prov-site-live-").FullName;
        // Servers run as their own users (postgres) and must reach their folders below this one.
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var paths = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        var hostVars = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var host in hosts)
        {
            paths[host] = ScratchPaths.For(Path.Combine(root, host));
            var vars = PlainData.CloneMap(paths[host]);
            vars["address"] = network.Address(host);
            hostVars[host] = vars;
        }

        var secrets = TestSecrets.Generate();
        var inventory = SiteInventory.Create(secrets, hostVars);
        return new LiveSite(site, network, inventory, root, secrets, extraVars ?? PlainData.NewMap(), paths);
    }

    /// <summary>The host as the play that runs <paramref name="role"/> sees it.</summary>
    public SiteHost Host(string host, string role) => SiteHost.For(Site, Inventory.Inventory, host, Site.PlayOf(role), ExtraVars);

    public string Address(string host) => Network.Address(host);

    public string Secret(string name) => (string)Secrets[name]!;

    public IReadOnlyDictionary<string, object?> Paths(string host) => _paths[host];

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync();
        Inventory.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
