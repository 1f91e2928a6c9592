using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>
/// The reference site (playbooks/site.yml) on the lab's ten bare hosts, as a user runs it: <c>prov bootstrap</c> of
/// every host, the lab's shop image built and shipped (lab/app/build.sh), <c>prov apply</c> of the whole site. Then,
/// checked from outside: requests through each nginx reach both app hosts and cross every tier (a row written through
/// Pgpool-II and read back from a replica through it, a counter in Redis through HAProxy); a second apply changes
/// nothing; an app host and a database replica reset to bare come back with one bootstrap and apply that changes no
/// other host; the Redis master's host stops and Sentinel promotes a replica while requests go on; one nginx and one
/// app host stop and the others serve.
/// </summary>
[TestFixture]
[Category("Lab")]
[NonParallelizable]
public sealed partial class SiteEndToEndTests
{
    // The reference inventory's ports (inventory/group_vars/all/main.yml and the roles' defaults).
    private const int PgpoolPort = 9999;
    private const int HaproxyRedisPort = 6380;
    private const int SentinelPort = 26379;
    private const string SentinelMaster = "shop";
    private const string CounterKey = "prov-lab:visits";
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(20);
    private string _scratch = null!;
    private string _agent = null!;
    private Dictionary<string, string> _secrets = null!;
    private Dictionary<string, LabHostRecord> _hosts = null!;

    private static string Root => Layout.LayoutParserTests.RepositoryRoot();

    private string StateDirectory => Path.Combine(_scratch, "state");

    private string SecretsFile => Path.Combine(_scratch, "secrets.yml");

    private static string LabInventory => Path.Combine(SharedLab.StateDirectory, "inventory.yml");

    private static string[] AllHosts => [.. SharedLab.HostNames];

    [OneTimeSetUp]
    public async Task ClaimTheLabMakeACaAndTheSecrets()
    {
        await SharedLab.GetAsync();
        _agent = await SharedLab.AgentAsync();
        await SharedLab.ClaimBareAsync(nameof(SiteEndToEndTests), AllHosts);
        _hosts = SharedLab.LoadState().Hosts.ToDictionary(h => h.Name);
        _scratch = Directory.CreateTempSubdirectory("prov-lab-site-").FullName;
        var (exitCode, output) = await SharedLab.Prov(["ca", "init", "--state-dir", StateDirectory], TimeSpan.FromMinutes(1));
        Assert.That(exitCode, Is.Zero, output);

        // As a user does (docs/site.md): every secret the example names, given a value of its own.
        var example = await File.ReadAllTextAsync(Path.Combine(Root, "inventory", "group_vars", "all", "secrets.example.yml"));
        _secrets = SecretName().Matches(example).ToDictionary(m => m.Groups[1].Value, _ => RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 24));
        Assert.That(_secrets, Does.ContainKey("app_db_password").And.ContainKey("redis_password"));
        await File.WriteAllLinesAsync(SecretsFile, _secrets.Select(s => $"{s.Key}: {s.Value}"));
    }

    [OneTimeTearDown]
    public async Task StartStoppedHostsUninstallAndClean()
    {
        // A failover test that failed half-way must not leave a stopped host to the fixtures after this one, nor
        // agents: other fixtures expect hosts without one (those that change hosts claim them and get them bare).
        foreach (var host in SharedLab.LoadState().Hosts)
        {
            await Tool.RunAsync("docker", ["start", host.ContainerId!], TimeSpan.FromMinutes(1));
        }

        await SharedLab.Prov(
            ["bootstrap", "-i", LabInventory, "--state-dir", StateDirectory, "--agent-binary", _agent, "--uninstall", "-f", "10"],
            TimeSpan.FromMinutes(3));
        Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    [Order(1)]
    public async Task Bootstrap_TenBareHosts_AgentsAnswerOverMtls()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await Bootstrap(AllHosts);
        TestContext.Progress.WriteLine($"site: bootstrap of {AllHosts.Length} hosts in {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(Regex.Count(output, "GetCapabilities over mTLS at "), Is.EqualTo(AllHosts.Length), output);
    }

    [Test]
    [Order(2)]
    public async Task Apply_BareSite_ConvergesEveryHostAndShowsNoSecret()
    {
        await ShipTheShopImage();

        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await Apply();
        TestContext.Progress.WriteLine($"site: first converge of {AllHosts.Length} bare hosts in {clock.Elapsed.TotalSeconds:0} s");

        AssertRecaps(exitCode, output, changed: _ => true);

        Assert.That(_secrets.Where(s => output.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key), Is.Empty, "secrets shown in the output");
    }

    [Test]
    [Order(3)]
    public async Task Requests_ThroughEachNginx_ReachBothAppHostsAndCrossEveryTier()
    {
        // Converged is not yet serving: the Redis replicas finish their first sync and HAProxy's checks find the master.
        await WaitUntilServing("lb1", "lb2");

        var answers = new List<ShopAnswer>();
        foreach (var lb in new[] { "lb1", "lb2" })
        {
            var fromThisLb = new List<ShopAnswer>();
            for (var i = 0; i < 10; i++)
            {
                fromThisLb.Add(await Visit(lb));
            }

            Assert.That(fromThisLb.Select(a => a.ServedBy).Distinct().Order(), Is.EqualTo(new[] { "app1", "app2" }), $"requests through {lb}");
            answers.AddRange(fromThisLb);
        }

        // One Redis master behind both HAProxies: the counter grows with every request, whichever app host served it.
        Assert.That(answers.Select(a => a.Counter), Is.Ordered.Ascending.And.Unique);
        var last = answers[^1];
        foreach (var app in new[] { "app1", "app2" })
        {
            var (readFrom, servedBy) = await ReadRowThroughPgpoolFromAReplica(app, last.RowId);
            Assert.That(servedBy, Is.EqualTo(last.ServedBy), $"row {last.RowId} read through Pgpool-II on {app} from the replica at {readFrom}");
            Assert.That(await RedisThroughHaproxy(app, "GET", CounterKey), Is.EqualTo(last.Counter.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"the counter through HAProxy on {app}");
        }

        var probe = Guid.NewGuid().ToString("N");
        Assert.That(await RedisThroughHaproxy("app1", "SET", "prov-e2e:probe", probe), Is.EqualTo("OK"));
        Assert.That(await RedisThroughHaproxy("app2", "GET", "prov-e2e:probe"), Is.EqualTo(probe), "written through app1's HAProxy, read through app2's");
    }

    [Test]
    [Order(4)]
    public async Task Apply_Again_ChangesNothingOnAnyHost()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await Apply();
        TestContext.Progress.WriteLine($"site: second converge in {clock.Elapsed.TotalSeconds:0.0} s");

        AssertRecaps(exitCode, output, changed: _ => false);

        Assert.That(output, Does.Not.Contain("changed: ["));
    }

    [Test]
    [Order(5)]
    public async Task Rebuild_AppHostAndReplicaResetToBare_RejoinAndNoOtherHostChanges()
    {
        string[] lost = ["app1", "db3"];
        foreach (var host in lost)
        {
            var (resetExit, resetOutput) = await SharedLab.Prov(["lab", "reset", host, "--state-dir", SharedLab.StateDirectory], TimeSpan.FromMinutes(2));
            Assert.That(resetExit, Is.Zero, resetOutput);
        }

        var clock = Stopwatch.StartNew();
        var (bootstrapExit, bootstrap) = await Bootstrap(lost);
        Assert.That(bootstrapExit, Is.Zero, bootstrap);
        await ShipTheShopImage();
        var (exitCode, output) = await Apply();
        TestContext.Progress.WriteLine($"site: rebuild of {string.Join(" and ", lost)} (bootstrap, image, apply) in {clock.Elapsed.TotalSeconds:0} s");

        AssertRecaps(exitCode, output, changed: lost.Contains);

        // The replica streams from the primary again, and a new row reaches it.
        await Eventually(
            async () => (await Psql("db1", "postgres", "SELECT application_name, state FROM pg_stat_replication")).Contains("db3|streaming", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            "db3 streaming from db1 (pg_stat_replication)");
        await WaitUntilServing("lb1", "lb2");
        var written = await Visit("lb2");
        await Eventually(
            async () => (await Psql("db3", "pretix", $"SELECT served_by FROM visits WHERE id = {written.RowId}")).Trim() == written.ServedBy,
            TimeSpan.FromSeconds(30),
            $"row {written.RowId} replicated to db3");

        // The rebuilt app host serves again through both nginx.
        foreach (var lb in new[] { "lb1", "lb2" })
        {
            await Eventually(async () => (await TryVisit(lb)).Answer?.ServedBy == "app1", TimeSpan.FromSeconds(60), $"app1 serving through {lb}");
        }

        // The other app host's Pgpool-II marked db3 down while it was gone and takes it back (auto_failback).
        await Eventually(
            async () => (await PoolNodes("app2")).GetValueOrDefault(_hosts["db3"].Address) == "up",
            TimeSpan.FromMinutes(3),
            "db3 up again in app2's Pgpool-II (SHOW pool_nodes)");
    }

    [Test]
    [Order(6)]
    public async Task Failover_RedisMasterHostStops_SentinelPromotesAReplicaAndRequestsGoOn()
    {
        var master = await RedisMaster("cache1");
        Assert.That(master, Is.Not.Null, "the Sentinel on cache1 names no cache host as the master");
        var survivor = _hosts.Values.First(h => h.Group == "cache" && h.Name != master).Name;
        var before = await Visit("lb1");

        await StopHost(master!);
        try
        {
            await Eventually(
                async () => await RedisMaster(survivor) is { } now && now != master,
                TimeSpan.FromSeconds(90),
                $"Sentinel promoting a replica after {master} stopped");
            var promoted = (await RedisMaster(survivor))!;
            await WaitUntilServing("lb1", "lb2");
            var after = new List<ShopAnswer>();
            for (var i = 0; i < 6; i++)
            {
                after.Add(await Visit(i % 2 == 0 ? "lb1" : "lb2"));
            }

            Assert.That(after.Select(a => a.Counter), Is.Ordered.Ascending.And.Unique, $"requests after the failover to {promoted}");
            Assert.That(after[0].RowId, Is.GreaterThan(before.RowId));
        }
        finally
        {
            await StartHost(master!);
        }

        // The old master comes back as a replica of the new one (Sentinel reconfigures it).
        await Eventually(
            async () => (await RedisInfo(master!)).Contains("master_link_status:up", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90),
            $"{master} replicating again after it came back");
        Assert.That(await RedisInfo(master!), Does.Contain("role:slave"));
    }

    [Test]
    [Order(7)]
    public async Task Failover_OneNginxAndOneAppHostStop_TheOthersServe()
    {
        await StopHost("lb1");
        await StopHost("app2");
        try
        {
            var answers = new List<ShopAnswer>();
            for (var i = 0; i < 8; i++)
            {
                answers.Add(await Visit("lb2"));
            }

            Assert.That(answers.Select(a => a.ServedBy).Distinct(), Is.EqualTo(new[] { "app1" }));
        }
        finally
        {
            await StartHost("lb1");
            await StartHost("app2");
        }

        await Eventually(async () => (await TryVisit("lb1")).Answer is not null, TimeSpan.FromSeconds(90), "lb1 serving again after it came back");
        await Eventually(async () => (await TryVisit("lb2")).Answer?.ServedBy == "app2", TimeSpan.FromSeconds(90), "app2 serving again after it came back");
    }

    /// <summary>The apply succeeded; every host's recap shows no failure, and changes exactly where expected.</summary>
    private static void AssertRecaps(int exitCode, string output, Func<string, bool> changed)
    {
        Assert.That(exitCode, Is.Zero, Tail(output));
        foreach (var host in AllHosts)
        {
            var changes = changed(host) ? "[1-9]\\d*" : "0";
            Assert.That(output, Does.Match($@"(?m)^{host}\s+: ok=\d+\s+changed={changes}\s+unreachable=0\s+failed=0\s"), host);
        }
    }

    private Task<(int ExitCode, string Output)> Bootstrap(IEnumerable<string> hosts) =>
        SharedLab.Prov(
            ["bootstrap", "-i", LabInventory, "-l", string.Join(',', hosts), "--state-dir", StateDirectory, "--agent-binary", _agent, "-f", "10"],
            TimeSpan.FromMinutes(5));

    private Task<(int ExitCode, string Output)> Apply() =>
        SharedLab.Prov(
            [
                "apply", Path.Combine(Root, "playbooks", "site.yml"),
                // As docs/site.md says: the reference inventory folder, the lab's addresses, the lab's overrides.
                "-i", Path.Combine(Root, "inventory"), "-i", LabInventory, "-i", Path.Combine(Root, "lab", "inventory"),
                "-e", "@" + SecretsFile, "--state-dir", StateDirectory,
            ],
            ApplyTimeout);

    /// <summary>The lab's shop image, built here and copied to the app hosts that lack it (lab/app/build.sh).</summary>
    private static async Task ShipTheShopImage()
    {
        var (exitCode, output) = await Tool.RunAsync("bash", [Path.Combine(Root, "lab", "app", "build.sh"), SharedLab.StateDirectory], TimeSpan.FromMinutes(30));
        Assert.That(exitCode, Is.Zero, Tail(output));
    }

    private static string Tail(string text) => text.Length > 6000 ? "…" + text[^6000..] : text;

    [GeneratedRegex(@"(?m)^([a-z_]+): null\b")]
    private static partial Regex SecretName();
}
