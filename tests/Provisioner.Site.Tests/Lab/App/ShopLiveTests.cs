// The lab's shop (lab/app/shop.py) running for real on an app host, as the lab's image runs it but with python3 on
// this machine: pretix.cfg rendered from the site's template for app1, PostgreSQL on db1 (initdb and the site's SQL
// as role postgresql runs them) behind Pgpool-II on app1, Redis on cache1 (cache2 its replica) behind HAProxy on app1, every file rendered
// from the site's templates, each host a network namespace with its own address. The shop starts before any backend,
// as after a reboot of the whole site.
using System.Text.Json;
using Provisioner.Core.Data;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Lab.App;

[NonParallelizable]
public sealed class ShopLiveTests
{

    private LiveSite _live = null!;
    private ServerProcess _shop = null!;
    private ServerProcess _redis = null!;
    private ServerProcess _redisReplica = null!;
    private string _shopUrl = null!;
    private (int Status, string Body) _healthBeforeBackends;
    private string _logBeforeBackends = null!;

    [OneTimeSetUp]
    public async Task StartShopAndItsBackends()
    {
        Programs.Require((ShopConfigTests.Python, "python3"), ("/usr/lib/postgresql/15/bin/postgres", "postgresql-15"), ("psql", "postgresql-client-15"),
            ("pgpool", "pgpool2"), ("redis-server", "redis-server"), ("redis-cli", "redis-tools"), ("haproxy", "haproxy"), ("curl", "curl"),
            ("runuser", "util-linux"), ("setpriv", "util-linux"));
        var probe = await Programs.RunAsync(ShopConfigTests.Python, ["-c", "import psycopg2, redis"]);
        Assert.That(probe.ExitCode, Is.Zero, $"the shop needs Debian's drivers: apt-get install -y python3-psycopg2 python3-redis\n{probe.Describe()}");

        // db2, db3 and cache3 stay at their inventory addresses, which nothing routes to: Pgpool-II and
        // HAProxy find them down and use db1 and cache1.
        _live = await LiveSite.StartAsync(SiteModel.Load(), ["db1", "cache1", "cache2", "app1"], LivePgpool.FastChecks());

        // The shop first: pretix.cfg as role app writes it, readable by the container's user only through its group.
        var app1 = _live.Host("app1", "app");
        await ScratchPaths.CreateAsync(_live.Paths("app1"), "postgres");
        var config = app1.RenderTo("app", "pretix.cfg.sbn", Path.Combine(app1.Text("app_config_dir"), "pretix.cfg"));
        await Chown($"root:{app1.Text("app_container_uid")}", config);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        _shopUrl = $"http://{_live.Address("app1")}:{app1.Text("app_port")}";
        _shop = _live.Network.Start("app1", "shop", [
            "env", $"PRETIX_CONFIG={config}", $"SHOP_BIND={_live.Address("app1")}", $"SHOP_PORT={app1.Text("app_port")}", "APP_HOST=app1",
            $"SHOP_UID={app1.Text("app_container_uid")}", "PYTHONDONTWRITEBYTECODE=1",
            ShopConfigTests.Python, Path.Combine(ShopConfigTests.ShopDirectory, "shop.py")]);
        await _shop.WaitUntilAsync("the shop answers /health and says it waits for the database", async () =>
        {
            _healthBeforeBackends = await GetAsync("/health");
            return _healthBeforeBackends.Status != 0 && _shop.Output.Contains("waiting for the database", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30));
        _logBeforeBackends = _shop.Output;

        await StartDatabaseAsync();
        // The master refuses writes without a replica (redis_min_replicas_to_write), as on the site.
        _redis = await StartRedisAsync("cache1");
        _redisReplica = await StartRedisAsync("cache2");
        await _redisReplica.WaitUntilAsync("cache2 replicates from cache1", async () =>
            (await RedisCliAsync("cache2", "INFO", "replication")).Stdout.Contains("master_link_status:up", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        // Pgpool-II and HAProxy on app1.
        await LivePgpool.StartAsync(_live, "app1");
        var haproxy = _live.Host("app1", "haproxy");
        _live.Network.Start("app1", "haproxy", ["haproxy", "-db", "-f", haproxy.RenderTo("haproxy", "haproxy.cfg.sbn", haproxy.Text("haproxy_config_file"))]);

        // Pgpool-II detaches the unreachable db2 and db3 (and restarts its children while it does) soon after it starts.
        await _shop.WaitUntilAsync("Pgpool-II has detached db2 and db3", async () =>
        {
            var nodes = await ShopSqlAsync("SHOW pool_nodes");
            return nodes.ExitCode == 0 && nodes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|')).Count(n => n.Length > 3 && n[3] == "down") == 2;
        }, TimeSpan.FromSeconds(90));
        // HAProxy 2.6 starts with every server up; its checks then leave only the master (a replica answers PING).
        await _shop.WaitUntilAsync("HAProxy's checks leave only cache1 up", async () =>
        {
            var stats = await _live.Network.RunAsync("app1", ["curl", "-sf", "-u", $"{haproxy.Text("haproxy_stats_user")}:{_live.Secret("haproxy_stats_password")}",
                $"http://{_live.Address("app1")}:{haproxy.Text("haproxy_stats_port")}/;csv"]);
            var up = stats.Stdout.Split('\n').Where(l => l.StartsWith("redis_master,cache", StringComparison.Ordinal) && l.Split(',')[17] == "UP").Select(l => l.Split(',')[1]);
            return stats.ExitCode == 0 && up.SequenceEqual(["cache1"]);
        }, TimeSpan.FromSeconds(60));
        await _shop.WaitUntilAsync("the shop finds both backends through Pgpool-II and HAProxy", async () => (await GetAsync("/health")).Status == 200, TimeSpan.FromSeconds(90));
    }

    [OneTimeTearDown]
    public async Task StopAll()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_redisReplica is not null)
        {
            await _redisReplica.DisposeAsync();
        }

        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public void Startup_BackendsDown_AnswersAndSaysWhyUntilTheyAreUp()
    {
        Assert.That(_healthBeforeBackends.Status, Is.EqualTo(503), _healthBeforeBackends.Body);
        using var health = JsonDocument.Parse(_healthBeforeBackends.Body);
        Assert.That(health.RootElement.GetProperty("database").GetString(), Does.StartWith($"database at {_live.Address("app1")}:9999: "));
        Assert.That(health.RootElement.GetProperty("redis").GetString(), Does.StartWith($"redis at {_live.Address("app1")}:6380: "));
        Assert.That(_logBeforeBackends, Does.Contain($"waiting for the database at {_live.Address("app1")}:9999"));
        Assert.That(_shop.Output, Does.Contain("database ready (table visits exists)"), "the table was made once the database answered");
        Assert.That(_shop.Output, Does.Contain("running as uid 15371"), "the shop gives up root once its port is bound");
    }

    [Test, Order(2)]
    public async Task Get_BackendsUp_WritesARowThroughPgpoolAndCountsTheVisitInRedisThroughHaproxy()
    {
        var first = await VisitAsync();
        var second = await VisitAsync();

        Assert.That(second.Id, Is.GreaterThan(first.Id));
        Assert.That(second.Counter, Is.EqualTo(first.Counter + 1));
        Assert.That(await LocalSqlAsync($"SELECT served_by FROM visits WHERE id = {second.Id}"), Is.EqualTo("app1"), "the row is in PostgreSQL on db1");
        var counter = await RedisCliAsync("cache1", "GET", "prov-lab:visits");
        Assert.That(counter.Stdout.Trim(), Is.EqualTo(second.Counter.ToString()), $"the counter is in Redis on cache1: {counter.Describe()}");

        Assert.That(_shop.Output, Does.Contain($"GET / 200").And.Contain($"row={second.Id} counter={second.Counter}"), "one log line per request");
    }

    [Test, Order(3)]
    public async Task Health_BackendsUp_Answers200()
    {
        var (status, body) = await GetAsync("/health");
        Assert.That(status, Is.EqualTo(200), body);
        using var json = JsonDocument.Parse(body);
        Assert.That((json.RootElement.GetProperty("database").GetString(), json.RootElement.GetProperty("redis").GetString(), json.RootElement.GetProperty("served_by").GetString()),
            Is.EqualTo(("ok", "ok", "app1")));
        Assert.That((await GetAsync("/nothing-here")).Status, Is.EqualTo(404));
    }

    [Test, Order(4)]
    public async Task Get_RedisStopped_Answers503NamingRedisAndKeepsTheDatabase()
    {
        // Both servers: a replica alone still answers PING (and refuses writes).
        await _redisReplica.StopAsync();
        await _redis.StopAsync();

        var (status, body) = await GetAsync("/");
        Assert.That(status, Is.EqualTo(503), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("error").GetString(), Does.StartWith($"redis at {_live.Address("app1")}:6380: "));
        Assert.That(json.RootElement.GetProperty("served_by").GetString(), Is.EqualTo("app1"));

        var (healthStatus, healthBody) = await GetAsync("/health");
        Assert.That(healthStatus, Is.EqualTo(503), healthBody);
        using var health = JsonDocument.Parse(healthBody);
        Assert.That(health.RootElement.GetProperty("database").GetString(), Is.EqualTo("ok"));
        Assert.That(health.RootElement.GetProperty("redis").GetString(), Does.StartWith("redis at "));

        Assert.That(_shop.Output, Does.Contain("GET / 503 ").And.Contain("GET /health 503 "));
        foreach (var secret in new[] { "app_db_password", "redis_password" })
        {
            Assert.That(body + healthBody + _shop.Output, Does.Not.Contain(_live.Secret(secret)), $"{secret} is in no answer and no log line");
        }
    }

    private async Task<(long Id, long Counter)> VisitAsync()
    {
        var (status, body) = await GetAsync("/");
        Assert.That(status, Is.EqualTo(200), body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.That(root.GetProperty("served_by").GetString(), Is.EqualTo("app1"));
        Assert.That(root.GetProperty("row").GetProperty("served_by").GetString(), Is.EqualTo("app1"), "the row read back by id");
        return (root.GetProperty("row").GetProperty("id").GetInt64(), root.GetProperty("counter").GetInt64());
    }

    /// <summary>HTTP from app1's namespace (where the shop's address is); status 0 when nothing answers.</summary>
    private async Task<(int Status, string Body)> GetAsync(string path)
    {
        var result = await _live.Network.RunAsync("app1", ["curl", "-s", "--max-time", "20", "-w", "\n%{http_code}", _shopUrl + path], TimeSpan.FromSeconds(30));
        var cut = result.Stdout.LastIndexOf('\n');
        return cut < 0 || !int.TryParse(result.Stdout[(cut + 1)..], out var status) ? (0, result.Stdout) : (status, result.Stdout[..cut]);
    }

    /// <summary>db1 as role postgresql leaves it: files rendered, initdb, started, the site's SQL run.</summary>
    private async Task StartDatabaseAsync()
    {
        var db1 = _live.Host("db1", "postgresql");
        await ScratchPaths.CreateAsync(_live.Paths("db1"), "postgres");
        File.SetUnixFileMode(db1.Text("postgres_data_dir"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var etc = db1.Text("postgres_config_dir");
        db1.RenderTo("postgresql", "postgresql.conf.sbn", Path.Combine(etc, "postgresql.conf"));
        db1.RenderTo("postgresql", "pg_hba.conf.sbn", Path.Combine(etc, "pg_hba.conf"));
        await File.WriteAllTextAsync(Path.Combine(etc, "pg_ident.conf"), db1.ArgText(_live.Site.Task("postgresql", "pg_ident.conf (no user name maps)"), "content"));
        await LivePgpool.OwnAsync(db1.RenderTo("postgresql", "pgpass.sbn", db1.Text("postgres_passfile")), LivePgpool.OwnerOnly);

        await RunTaskAsync(db1, "The primary's data directory is initialised, only when it is empty");
        var server = _live.Network.Start("db1", "postgres", LivePgpool.AsPostgres([Path.Combine(db1.Text("postgres_bin_dir"), "postgres"), "-c", $"config_file={Path.Combine(etc, "postgresql.conf")}"]));
        await server.WaitUntilAsync("PostgreSQL accepts connections", async () => await LocalSqlAsync("SELECT 1", mayFail: true, database: "postgres") == "1", TimeSpan.FromSeconds(60));
        await LivePgpool.OwnAsync(db1.RenderTo("postgresql", "site.sql.sbn", Path.Combine(etc, "prov-site.sql")), LivePgpool.OwnerOnly);
        await RunTaskAsync(db1, "The site's roles and database exist");
    }

    /// <summary>A cache host as role redis leaves a new site's (no Sentinel answers yet, so cache1 is the master).</summary>
    private async Task<ServerProcess> StartRedisAsync(string cache)
    {
        var host = _live.Host(cache, "redis");
        await ScratchPaths.CreateAsync(_live.Paths(cache));
        var results = PlainData.NewMap();
        results["results"] = new List<object?>();
        host.Register("redis_sentinel_answers", results);
        host.ApplySetFacts("redis");
        Assert.That(host.Text("redis_master_host"), Is.EqualTo("cache1"));
        var directory = host.Text("redis_config_dir");
        var config = host.RenderTo("redis", "redis.conf.sbn", Path.Combine(directory, "redis.conf"));
        host.RenderTo("redis", "replication.conf.sbn", Path.Combine(directory, "replication.conf"));
        var server = _live.Network.Start(cache, "redis-server", ["redis-server", config]);
        await server.WaitUntilAsync("Redis answers PING", async () => (await RedisCliAsync(cache, "PING")).Stdout.Trim() == "PONG", TimeSpan.FromSeconds(30));
        return server;
    }

    private Task<ProgramResult> RedisCliAsync(string cache, params string[] command) =>
        _live.Network.RunAsync(cache, ["redis-cli", "-h", _live.Address(cache), "-p", _live.Host(cache, "redis").Text("redis_port"), "--raw", .. command], TimeSpan.FromSeconds(10),
            new Dictionary<string, string> { ["REDISCLI_AUTH"] = _live.Secret("redis_password") });

    private async Task RunTaskAsync(SiteHost host, string name)
    {
        var task = _live.Site.Task("postgresql", name);
        var result = await _live.Network.RunAsync(host.Name, host.Argv(task), TimeSpan.FromSeconds(120), host.Env(task));
        Assert.That(result.ExitCode, Is.Zero, $"postgresql: {name}: {result.Describe()}");
    }

    private async Task<string> LocalSqlAsync(string sql, bool mayFail = false, string database = "pretix")
    {
        var db1 = _live.Host("db1", "postgresql");
        var result = await _live.Network.RunAsync("db1", ["runuser", "-u", "postgres", "--", "psql", "-XAtq", "-h", db1.Text("postgres_socket_dir"), "-p", db1.Text("postgres_port"), "-d", database, "-c", sql]);
        if (!mayFail)
        {
            Assert.That(result.ExitCode, Is.Zero, result.Describe());
        }

        return result.Stdout.Trim();
    }

    /// <summary>SQL as the shop sends it: from app1, as the shop's role, to app1's Pgpool-II.</summary>
    private Task<ProgramResult> ShopSqlAsync(string sql)
    {
        var app1 = _live.Host("app1", "app");
        return _live.Network.RunAsync("app1", ["psql", "-XAtq", "-h", _live.Address("app1"), "-p", app1.Text("pgpool_port"), "-U", app1.Text("app_db_user"), "-d", app1.Text("app_db_name"), "-c", sql],
            TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["PGPASSWORD"] = _live.Secret("app_db_password"), ["PGCONNECT_TIMEOUT"] = "5" });
    }

    private static async Task Chown(string owner, string path)
    {
        var chown = await Programs.RunAsync("chown", [owner, path]);
        Assert.That(chown.ExitCode, Is.Zero, chown.Describe());
    }
}
