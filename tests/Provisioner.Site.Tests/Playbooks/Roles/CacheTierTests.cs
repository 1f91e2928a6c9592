// Roles redis, sentinel and haproxy, running for real: three cache hosts and one app host as network namespaces,
// every file rendered from the site's templates, Redis and Sentinel started from them, HAProxy in front.
using Provisioner.Core.Data;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

[NonParallelizable]
public sealed class CacheTierTests
{
    private static readonly string[] Caches = ["cache1", "cache2", "cache3"];

    private LiveSite _live = null!;
    private readonly Dictionary<string, ServerProcess> _redis = new(StringComparer.Ordinal);
    private int _redisPort;
    private int _sentinelPort;
    private int _haproxyPort;

    [OneTimeSetUp]
    public async Task StartCacheTier()
    {
        Programs.Require(("redis-server", "redis-server"), ("redis-sentinel", "redis-sentinel"), ("redis-cli", "redis-tools"), ("haproxy", "haproxy"), ("curl", "curl"));
        var fast = PlainData.NewMap();
        fast["sentinel_down_after_milliseconds"] = 1000;
        fast["sentinel_failover_timeout"] = 10000;
        _live = await LiveSite.StartAsync(SiteModel.Load(), [.. Caches, "app1"], fast);

        var first = _live.Host("cache1", "redis");
        _redisPort = int.Parse(first.Text("redis_port"));
        _sentinelPort = int.Parse(first.Text("sentinel_port"));
        _haproxyPort = int.Parse(_live.Host("app1", "haproxy").Text("haproxy_redis_port"));

        foreach (var cache in Caches)
        {
            await ScratchPaths.CreateAsync(_live.Paths(cache));
            _redis[cache] = await StartRedisAsync(cache);
        }

        foreach (var cache in Caches)
        {
            var host = await AskSentinelsAsync(cache, "sentinel");
            var file = host.RenderTo("sentinel", "sentinel.conf.sbn", host.Text("sentinel_config_file"));
            var sentinel = _live.Network.Start(cache, "redis-sentinel", ["redis-sentinel", file]);
            await sentinel.WaitUntilAsync("Sentinel answers PING", async () => (await CliAsync(cache, _sentinelPort, auth: false, "PING")).Stdout.Trim() == "PONG", TimeSpan.FromSeconds(30));
        }

        await ScratchPaths.CreateAsync(_live.Paths("app1"));
        var app1 = _live.Host("app1", "haproxy");
        var config = app1.RenderTo("haproxy", "haproxy.cfg.sbn", app1.Text("haproxy_config_file"));
        var haproxy = _live.Network.Start("app1", "haproxy", ["haproxy", "-db", "-f", config]);
        // HAProxy 2.6 starts with every server up; the first check (within haproxy_check_interval) takes the
        // replicas out. Until then a connection may reach a replica, which refuses writes (READONLY).
        await haproxy.WaitUntilAsync("HAProxy's checks leave only the master up", async () =>
            (await HaproxyServersAsync()).OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}").SequenceEqual(["cache1=UP", "cache2=DOWN", "cache3=DOWN"]), TimeSpan.FromSeconds(30));
    }

    [OneTimeTearDown]
    public async Task StopCacheTier()
    {
        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Replicas_Started_ReplicateFromTheInitialMaster()
    {
        var master = _live.Address("cache1");
        Assert.That(File.ReadAllText(Path.Combine(ConfigDir("cache1"), "replication.conf")), Does.Not.Contain("replicaof"), "cache1 is the initial master");
        foreach (var replica in new[] { "cache2", "cache3" })
        {
            Assert.That(File.ReadAllText(Path.Combine(ConfigDir(replica), "replication.conf")), Does.Contain($"replicaof {master} {_redisPort}"));
            await _redis[replica].WaitUntilAsync("the replica is in sync with cache1", async () =>
            {
                var info = (await CliAsync(replica, _redisPort, auth: true, "INFO", "replication")).Stdout;
                return info.Contains("role:slave", StringComparison.Ordinal) && info.Contains($"master_host:{master}", StringComparison.Ordinal)
                    && info.Contains("master_link_status:up", StringComparison.Ordinal);
            }, TimeSpan.FromSeconds(30));
        }

        var unauthenticated = await CliAsync("cache2", _redisPort, auth: false, "GET", "x");
        Assert.That(unauthenticated.Stdout + unauthenticated.Stderr, Does.Contain("NOAUTH"), "requirepass is set");
    }

    [Test, Order(2)]
    public async Task Sentinels_Started_AgreeOnTheMasterAndKnowEachOtherAndTheReplicas()
    {
        foreach (var cache in Caches)
        {
            var answer = await CliAsync(cache, _sentinelPort, auth: false, "SENTINEL", "get-master-addr-by-name", "shop");
            Assert.That(answer.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { _live.Address("cache1"), _redisPort.ToString() }), answer.Describe());
        }

        await _redis["cache1"].WaitUntilAsync("each Sentinel sees 2 other Sentinels and 2 replicas", async () =>
        {
            foreach (var cache in Caches)
            {
                var master = Fields((await CliAsync(cache, _sentinelPort, auth: false, "SENTINEL", "master", "shop")).Stdout);
                if (master.GetValueOrDefault("num-other-sentinels") != "2" || master.GetValueOrDefault("num-slaves") != "2" || master.GetValueOrDefault("quorum") != "2")
                {
                    return false;
                }
            }

            return true;
        }, TimeSpan.FromSeconds(40));
    }

    [Test, Order(3)]
    public async Task Haproxy_Started_RoutesOnlyToTheMaster()
    {
        var set = await ViaHaproxyAsync("SET", "site-test", "through-haproxy");
        Assert.That(set.Stdout.Trim(), Is.EqualTo("OK"), set.Describe());
        await _redis["cache2"].WaitUntilAsync("the write reached a replica", async () =>
            (await CliAsync("cache2", _redisPort, auth: true, "GET", "site-test")).Stdout.Trim() == "through-haproxy", TimeSpan.FromSeconds(10));

        Assert.That(await HaproxyServersAsync(), Is.EquivalentTo(new Dictionary<string, string> { ["cache1"] = "UP", ["cache2"] = "DOWN", ["cache3"] = "DOWN" }),
            "the stats page shows only the master up");

        var anonymous = await _live.Network.RunAsync("app1", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", StatsUrl()]);
        Assert.That(anonymous.Stdout, Is.EqualTo("401"), "the stats page asks for the password");
    }

    [Test, Order(4)]
    public async Task Failover_MasterKilled_SentinelsPromoteAReplicaHaproxyFollowsAndARebuiltHostJoinsIt()
    {
        await _redis["cache1"].KillAsync();

        string? newMaster = null;
        await _redis["cache2"].WaitUntilAsync("the Sentinels promote a replica", async () =>
        {
            var answer = (await CliAsync("cache2", _sentinelPort, auth: false, "SENTINEL", "get-master-addr-by-name", "shop")).Stdout.Split('\n')[0].Trim();
            newMaster = Caches.FirstOrDefault(c => c != "cache1" && _live.Address(c) == answer);
            return newMaster is not null;
        }, TimeSpan.FromSeconds(60));

        await _redis[newMaster!].WaitUntilAsync("HAProxy sends writes to the new master", async () =>
        {
            var role = await ViaHaproxyAsync("ROLE");
            var set = await ViaHaproxyAsync("SET", "after-failover", "yes");
            return role.Stdout.StartsWith("master", StringComparison.Ordinal) && set.Stdout.Trim() == "OK";
        }, TimeSpan.FromSeconds(60));
        var direct = await CliAsync(newMaster!, _redisPort, auth: true, "GET", "after-failover");
        Assert.That(direct.Stdout.Trim(), Is.EqualTo("yes"), "the write went to the promoted replica");

        // A rebuild of cache1 asks the Sentinels first, as role redis does, and follows the new master.
        var cache1 = await AskSentinelsAsync("cache1", "redis");
        Assert.That(cache1.Text("redis_master_host"), Is.EqualTo(newMaster));
        _redis["cache1"] = await StartRedisAsync("cache1");
        Assert.That(File.ReadAllText(Path.Combine(ConfigDir("cache1"), "replication.conf")), Does.Contain($"replicaof {_live.Address(newMaster!)} {_redisPort}"));
        await _redis["cache1"].WaitUntilAsync("the rebuilt cache1 replicates from the new master", async () =>
        {
            var info = (await CliAsync("cache1", _redisPort, auth: true, "INFO", "replication")).Stdout;
            return info.Contains("role:slave", StringComparison.Ordinal) && info.Contains("master_link_status:up", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));
    }

    /// <summary>Renders redis.conf and replication.conf for the host (asking the Sentinels first) and starts redis-server.</summary>
    private async Task<ServerProcess> StartRedisAsync(string cache)
    {
        var host = await AskSentinelsAsync(cache, "redis");
        var directory = host.Text("redis_config_dir");
        var config = host.RenderTo("redis", "redis.conf.sbn", Path.Combine(directory, "redis.conf"));
        host.RenderTo("redis", "replication.conf.sbn", Path.Combine(directory, "replication.conf"));
        var server = _live.Network.Start(cache, "redis-server", ["redis-server", config]);
        var log = host.Text("redis_log_file");
        await server.WaitUntilAsync($"Redis answers PING (log: {log})", async () =>
            (await CliAsync(cache, _redisPort, auth: true, "PING")).Stdout.Trim() == "PONG", TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>
    /// Role redis's own question to every Sentinel (its command task, run in the host's namespace for each loop
    /// item), registered as the agent would, then its set_fact: the host's view, with redis_master_host.
    /// </summary>
    private async Task<SiteHost> AskSentinelsAsync(string cache, string role)
    {
        var host = _live.Host(cache, role);
        var task = _live.Site.Task("redis", "Ask every Sentinel which host is the Redis master now");
        var results = new List<object?>();
        foreach (var item in Caches)
        {
            host.Register("item", item);
            var run = await _live.Network.RunAsync(cache, host.Argv(task), TimeSpan.FromSeconds(10));
            var result = PlainData.NewMap();
            result["rc"] = (long)run.ExitCode;
            result["stdout"] = run.Stdout.TrimEnd('\n');
            result["stdout_lines"] = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (object?)l).ToList();
            results.Add(result);
        }

        var registered = PlainData.NewMap();
        registered["results"] = results;
        host.Register(task.Register!, registered);
        host.ApplySetFacts("redis");
        return host;
    }

    private Task<ProgramResult> CliAsync(string cache, int port, bool auth, params string[] command) =>
        _live.Network.RunAsync(cache, ["redis-cli", "-h", _live.Address(cache), "-p", port.ToString(), "--raw", .. command], TimeSpan.FromSeconds(10),
            auth ? new Dictionary<string, string> { ["REDISCLI_AUTH"] = _live.Secret("redis_password") } : null);

    private Task<ProgramResult> ViaHaproxyAsync(params string[] command) =>
        _live.Network.RunAsync("app1", ["redis-cli", "-h", _live.Address("app1"), "-p", _haproxyPort.ToString(), "--raw", .. command], TimeSpan.FromSeconds(10),
            new Dictionary<string, string> { ["REDISCLI_AUTH"] = _live.Secret("redis_password") });

    private string StatsUrl() => $"http://{_live.Address("app1")}:{_live.Host("app1", "haproxy").Text("haproxy_stats_port")}/";

    /// <summary>Each Redis server's status on HAProxy's stats page (CSV), read with the stats user's password; none while it does not answer.</summary>
    private async Task<Dictionary<string, string>> HaproxyServersAsync()
    {
        var app1 = _live.Host("app1", "haproxy");
        var stats = await _live.Network.RunAsync("app1", ["curl", "-sf", "-u", $"{app1.Text("haproxy_stats_user")}:{_live.Secret("haproxy_stats_password")}", StatsUrl() + ";csv"]);
        if (stats.ExitCode != 0)
        {
            return [];
        }

        return stats.Stdout.Split('\n').Where(l => l.StartsWith("redis_master,cache", StringComparison.Ordinal))
            .ToDictionary(l => l.Split(',')[1], l => l.Split(',')[17], StringComparer.Ordinal);
    }

    private string ConfigDir(string cache) => (string)_live.Paths(cache)["redis_config_dir"]!;

    /// <summary>SENTINEL MASTER's reply (name, value, name, value, ... one per line) as a map.</summary>
    private static Dictionary<string, string> Fields(string reply)
    {
        var lines = reply.Split('\n', StringSplitOptions.TrimEntries);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            fields[lines[i]] = lines[i + 1];
        }

        return fields;
    }
}
