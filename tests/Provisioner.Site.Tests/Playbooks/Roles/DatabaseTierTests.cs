// Roles postgresql, postgresql_replica and pgpool, running for real: three db hosts and one app host as network
// namespaces, every file rendered from the site's templates, the roles' own commands (initdb, the SQL,
// pg_basebackup, the checks) run as the tasks give them, PostgreSQL and Pgpool-II started with the results.
using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

[NonParallelizable]
public sealed class DatabaseTierTests
{
    private static readonly string[] Dbs = ["db1", "db2", "db3"];

    private LiveSite _live = null!;
    private readonly Dictionary<string, ServerProcess> _postgres = new(StringComparer.Ordinal);
    private readonly List<bool> _sqlChanged = [];
    private ServerProcess _pgpool = null!;

    [OneTimeSetUp]
    public async Task StartDatabaseTier()
    {
        Programs.Require(("/usr/lib/postgresql/15/bin/postgres", "postgresql-15"), ("psql", "postgresql-client-15"), ("pgpool", "pgpool2"),
            ("runuser", "util-linux"), ("setpriv", "util-linux"));
        var fast = LivePgpool.FastChecks();
        fast["pgpool_auto_failback_interval"] = 1;
        _live = await LiveSite.StartAsync(SiteModel.Load(), [.. Dbs, "app1"], fast);

        foreach (var db in Dbs)
        {
            await PrepareDbHostAsync(db);
        }

        // Play 1 on the primary: initdb while the data directory is empty, start, the site's SQL (twice: it can run again).
        var primary = _live.Host("db1", "postgresql");
        Assert.That(primary.Runs(_live.Site.Task("postgresql", "The primary's data directory is initialised, only when it is empty")), Is.True);
        await RunTaskAsync(primary, "postgresql", "The primary's data directory is initialised, only when it is empty");
        _postgres["db1"] = await StartPostgresAsync("db1");
        primary.RenderTo("postgresql", "site.sql.sbn", Path.Combine(primary.Text("postgres_config_dir"), "prov-site.sql"));
        await LivePgpool.OwnAsync(Path.Combine(primary.Text("postgres_config_dir"), "prov-site.sql"), LivePgpool.OwnerOnly);
        for (var run = 0; run < 2; run++)
        {
            var sql = _live.Site.Task("postgresql", "The site's roles and database exist");
            var result = await RunTaskAsync(primary, "postgresql", sql.Name);
            primary.Register(sql.Register!, Registered(result));
            _sqlChanged.Add(sql.ChangedWhen.All(primary.Condition));
        }

        // Play 2 on the replicas: pg_basebackup while the data directory is empty, standby.signal, start, streaming.
        foreach (var replica in new[] { "db2", "db3" })
        {
            var host = _live.Host(replica, "postgresql_replica");
            await RunTaskAsync(host, "postgresql_replica", "The replica is cloned from the primary, only when its data directory is empty");
            var standby = host.ArgText(_live.Site.Task("postgresql_replica", "The replica starts as a standby"), "path");
            await File.WriteAllTextAsync(standby, "");
            await LivePgpool.OwnAsync(standby, LivePgpool.OwnerOnly);
            _postgres[replica] = await StartPostgresAsync(replica);
            var streaming = _live.Site.Task("postgresql_replica", "The replica streams from the primary");
            await _postgres[replica].WaitUntilAsync("the replica streams from the primary", async () =>
            {
                host.Register(streaming.Register!, Registered(await RunTaskAsync(host, "postgresql_replica", streaming.Name, check: false)));
                return host.Condition(streaming.Until!);
            }, TimeSpan.FromSeconds(60));
        }

        // Pgpool-II on the app host, as the Debian unit runs it: as user postgres, in the foreground.
        var app1 = _live.Host("app1", "pgpool");
        await ScratchPaths.CreateAsync(_live.Paths("app1"), "postgres");
        _pgpool = await LivePgpool.StartAsync(_live, "app1");
        await _pgpool.WaitUntilAsync("Pgpool-II lets the shop's role in", async () => (await ShopSqlAsync("SELECT 1")).ExitCode == 0, TimeSpan.FromSeconds(60));
    }

    [OneTimeTearDown]
    public async Task StopDatabaseTier()
    {
        if (_pgpool is not null)
        {
            await _pgpool.DisposeAsync();
        }

        if (_live is not null)
        {
            await _live.DisposeAsync();
        }
    }

    [Test, Order(1)]
    public async Task Primary_Initialised_HasTheSiteRolesAndDatabase_AndItsSqlRunsAgainWithoutChange()
    {
        Assert.That(_sqlChanged, Is.EqualTo(new[] { true, false }), "changed_when: the first run creates, the second finds everything");

        var roles = await LocalSqlAsync("db1", "SELECT string_agg(rolname || ':' || rolreplication || ':' || pg_has_role(rolname, 'pg_monitor', 'MEMBER'), ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('replicator', 'pgpool', 'pretix')");
        Assert.That(roles, Is.EqualTo("pgpool:false:true,pretix:false:false,replicator:true:false"));
        Assert.That(await LocalSqlAsync("db1", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'pretix'"), Is.EqualTo("pretix"));

        var primary = _live.Host("db1", "postgresql");
        var guard = await RunTaskAsync(primary, "postgresql", "Ask a running PostgreSQL whether it is a primary or a replica", check: false);
        primary.Register("postgres_recovery", Registered(guard));
        Assert.That(guard.Stdout.Trim(), Is.EqualTo("f"));
        Assert.That(primary.Runs(_live.Site.Task("postgresql", "A running PostgreSQL agrees with the inventory about which host is the primary")), Is.False, "the guard lets the inventory's primary pass");

        var hbaCheck = _live.Site.Task("postgresql", "pg_hba.conf has no line PostgreSQL rejects");
        primary.Register(hbaCheck.Register!, Registered(await RunTaskAsync(primary, "postgresql", hbaCheck.Name, check: false)));
        Assert.That(hbaCheck.FailedWhen.Any(primary.Condition), Is.False, "PostgreSQL accepts every line of the rendered pg_hba.conf");
    }

    [Test, Order(2)]
    public async Task Replicas_Cloned_StreamFromThePrimaryAndServeReads()
    {
        var replication = await LocalSqlAsync("db1", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication");
        Assert.That(replication, Is.EqualTo("db2:streaming,db3:streaming"));

        await LocalSqlAsync("db1", "CREATE TABLE replicated (n int); INSERT INTO replicated VALUES (42)");
        foreach (var replica in new[] { "db2", "db3" })
        {
            Assert.That(await LocalSqlAsync(replica, "SELECT pg_is_in_recovery()"), Is.EqualTo("t"));
            await _postgres[replica].WaitUntilAsync("the write reaches the replica", async () => await LocalSqlAsync(replica, "SELECT coalesce(max(n), 0) FROM replicated", mayFail: true) == "42", TimeSpan.FromSeconds(20));
        }
    }

    [Test, Order(3)]
    public async Task Pgpool_Started_KnowsThePrimaryAndTheStandbysAndBalancesReads()
    {
        await _pgpool.WaitUntilAsync("Pgpool-II sees db1 as primary, db2 and db3 as streaming standbys", async () =>
        {
            var nodes = await PoolNodesAsync();
            return nodes.Count == 3 && nodes.All(n => n["status"] == "up")
                && nodes[0]["role"] == "primary" && nodes.Skip(1).All(n => n["role"] == "standby" && n["replication_state"] == "streaming");
        }, TimeSpan.FromSeconds(30));

        var write = await ShopSqlAsync("CREATE TABLE orders (id int); INSERT INTO orders VALUES (1); SELECT count(*) FROM orders");
        Assert.That(write.ExitCode, Is.Zero, write.Describe());
        Assert.That(write.Stdout.Trim(), Is.EqualTo("1"), "a write through Pgpool-II goes to the primary");

        for (var i = 0; i < 30; i++)
        {
            Assert.That((await ShopSqlAsync("SELECT 1")).ExitCode, Is.Zero);
        }

        var selects = (await PoolNodesAsync()).Skip(1).Sum(n => long.Parse(n["select_cnt"]));
        Assert.That(selects, Is.GreaterThan(0), "read-only sessions are balanced onto the standbys");
    }

    [Test, Order(4)]
    public async Task Failover_PrimaryCrashes_PgpoolPromotesAReplicaWithFailoverSh_AndTheRoleRefusesToRunOnTheOldInventory()
    {
        await _postgres["db1"].KillAsync();

        await _pgpool.WaitUntilAsync("Pgpool-II detaches db1 and db2 becomes the primary", async () =>
        {
            var nodes = await PoolNodesAsync();
            return nodes.Count == 3 && nodes[0]["status"] == "down" && nodes[1]["role"] == "primary" && nodes[1]["status"] == "up";
        }, TimeSpan.FromSeconds(90));
        Assert.That(await LocalSqlAsync("db2", "SELECT pg_is_in_recovery()"), Is.EqualTo("f"), "failover.sh promoted db2");

        var write = await ShopSqlAsync("INSERT INTO orders VALUES (2); SELECT count(*) FROM orders");
        Assert.That(write.ExitCode, Is.Zero, write.Describe());
        Assert.That(write.Stdout.Trim(), Is.EqualTo("2"), "the shop writes to the promoted primary through the same Pgpool-II");

        // The inventory still names db1: the next run of role postgresql stops on db2 and says what to do.
        var db2 = _live.Host("db2", "postgresql");
        db2.Register("postgres_recovery", Registered(await RunTaskAsync(db2, "postgresql", "Ask a running PostgreSQL whether it is a primary or a replica", check: false)));
        var guard = _live.Site.Task("postgresql", "A running PostgreSQL agrees with the inventory about which host is the primary");
        Assert.That(db2.Runs(guard), Is.True);
        Assert.That(db2.ArgText(guard, "msg"), Does.Contain("db2 is running as a primary").And.Contain("postgres_primary"));
    }

    [Test, Order(5)]
    public async Task Rebuild_InventoryNamesThePromotedPrimary_TheOtherReplicaAndTheRebuiltOldPrimaryFollowIt()
    {
        // docs/site.md, "After a failover": postgres_primary: db2 in the inventory, db1's data directory emptied.
        var changed = new Dictionary<string, object?> { ["postgres_primary"] = "db2" };
        var guard = _live.Site.Task("postgresql", "A running PostgreSQL agrees with the inventory about which host is the primary");
        var db2 = _live.Host("db2", "postgresql", changed);
        db2.Register("postgres_recovery", Registered(await RunTaskAsync(db2, "postgresql", "Ask a running PostgreSQL whether it is a primary or a replica", check: false)));
        Assert.That(db2.Runs(guard), Is.False, "db2 is the primary the inventory names");

        // db3: its new postgresql.conf names db2; the restart handler restarts it.
        await PrepareDbHostAsync("db3", changed);
        await StopPostgresAsync("db3");
        _postgres["db3"] = await StartPostgresAsync("db3");

        // db1: empty, so play 2 clones it from db2 again.
        var data = _live.Host("db1", "postgresql").Text("postgres_data_dir");
        foreach (var entry in new DirectoryInfo(data).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo directory) { directory.Delete(recursive: true); } else { entry.Delete(); }
        }

        await PrepareDbHostAsync("db1", changed);
        var db1 = _live.Host("db1", "postgresql_replica", changed);
        Assert.That(db1.Runs(_live.Site.Task("postgresql_replica", "The replica is cloned from the primary, only when its data directory is empty")), Is.True);
        await RunTaskAsync(db1, "postgresql_replica", "The replica is cloned from the primary, only when its data directory is empty");
        var standby = db1.ArgText(_live.Site.Task("postgresql_replica", "The replica starts as a standby"), "path");
        await File.WriteAllTextAsync(standby, "");
        await LivePgpool.OwnAsync(standby, LivePgpool.OwnerOnly);
        _postgres["db1"] = await StartPostgresAsync("db1");

        await _postgres["db2"].WaitUntilAsync("db1 and db3 stream from db2", async () =>
            await LocalSqlAsync("db2", "SELECT string_agg(application_name || ':' || state, ',' ORDER BY application_name) FROM pg_stat_replication", mayFail: true) == "db1:streaming,db3:streaming",
            TimeSpan.FromSeconds(60));
        await _pgpool.WaitUntilAsync("Pgpool-II attaches db1 again, as a standby (auto_failback)", async () =>
        {
            var nodes = await PoolNodesAsync();
            return nodes.Count == 3 && nodes.All(n => n["status"] == "up") && nodes[0]["role"] == "standby" && nodes[1]["role"] == "primary";
        }, TimeSpan.FromSeconds(60));
        Assert.That(await LocalSqlAsync("db1", "SELECT count(*) FROM replicated"), Is.EqualTo("1"), "db1 has the data written before the failover");
    }

    /// <summary>Scratch folders owned by postgres, the configuration files rendered, as role postgresql leaves a db host.</summary>
    private async Task PrepareDbHostAsync(string db, IReadOnlyDictionary<string, object?>? changed = null)
    {
        var host = _live.Host(db, "postgresql", changed);
        await ScratchPaths.CreateAsync(_live.Paths(db), "postgres");
        File.SetUnixFileMode(host.Text("postgres_data_dir"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var etc = host.Text("postgres_config_dir");
        host.RenderTo("postgresql", "postgresql.conf.sbn", Path.Combine(etc, "postgresql.conf"));
        host.RenderTo("postgresql", "pg_hba.conf.sbn", Path.Combine(etc, "pg_hba.conf"));
        await File.WriteAllTextAsync(Path.Combine(etc, "pg_ident.conf"), host.ArgText(_live.Site.Task("postgresql", "pg_ident.conf (no user name maps)"), "content"));
        await LivePgpool.OwnAsync(host.RenderTo("postgresql", "pgpass.sbn", host.Text("postgres_passfile")), LivePgpool.OwnerOnly);
    }

    /// <summary>The server as systemd's unit would start it (as postgres, configuration from the config directory).</summary>
    private async Task<ServerProcess> StartPostgresAsync(string db)
    {
        var host = _live.Host(db, "postgresql");
        var server = _live.Network.Start(db, "postgres", LivePgpool.AsPostgres([Path.Combine(host.Text("postgres_bin_dir"), "postgres"), "-c", $"config_file={Path.Combine(host.Text("postgres_config_dir"), "postgresql.conf")}"]));
        await server.WaitUntilAsync("PostgreSQL accepts connections", async () => await LocalSqlAsync(db, "SELECT 1", mayFail: true) == "1", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>A fast shutdown, as systemd's unit stops the server (Pgpool-II's pooled connections do not hold it up).</summary>
    private async Task StopPostgresAsync(string db)
    {
        var host = _live.Host(db, "postgresql");
        var stop = await _live.Network.RunAsync(db, ["runuser", "-u", "postgres", "--", Path.Combine(host.Text("postgres_bin_dir"), "pg_ctl"), "-D", host.Text("postgres_data_dir"), "stop", "-m", "fast"]);
        Assert.That(stop.ExitCode, Is.Zero, stop.Describe());
        await _postgres[db].StopAsync();
    }

    /// <summary>A command task of a role, rendered for the host and run in its namespace as the agent would run it.</summary>
    private async Task<ProgramResult> RunTaskAsync(SiteHost host, string role, string name, bool check = true)
    {
        var task = _live.Site.Task(role, name);
        Assert.That(task.Module, Is.EqualTo("command"), $"{role}: {name}");
        if (task.Args.ContainsKey("creates"))
        {
            Assert.That(File.Exists(host.ArgText(task, "creates")), Is.False, $"{name}: runs only while {host.ArgText(task, "creates")} is missing");
        }

        var result = await _live.Network.RunAsync(host.Name, host.Argv(task), TimeSpan.FromSeconds(120), host.Env(task));
        if (check)
        {
            Assert.That(result.ExitCode, Is.Zero, $"{role}: {name} on {host.Name}: {result.Describe()}");
        }

        if (task.Args.ContainsKey("creates"))
        {
            Assert.That(File.Exists(host.ArgText(task, "creates")), Is.True, $"{name} made {host.ArgText(task, "creates")}, so it will not run again");
        }

        return result;
    }

    private async Task<string> LocalSqlAsync(string db, string sql, bool mayFail = false)
    {
        var host = _live.Host(db, "postgresql");
        var result = await _live.Network.RunAsync(db, ["runuser", "-u", "postgres", "--", "psql", "-XAtq", "-h", host.Text("postgres_socket_dir"), "-p", host.Text("postgres_port"), "-d", "postgres", "-c", sql]);
        if (!mayFail)
        {
            Assert.That(result.ExitCode, Is.Zero, result.Describe());
        }

        return result.Stdout.Trim();
    }

    /// <summary>SQL as the shop sends it: from the app host, as the shop's role, to this host's Pgpool-II.</summary>
    private Task<ProgramResult> ShopSqlAsync(string sql)
    {
        var app1 = _live.Host("app1", "pgpool");
        return _live.Network.RunAsync("app1", ["psql", "-XAtq", "-h", _live.Address("app1"), "-p", app1.Text("pgpool_port"), "-U", app1.Text("app_db_user"), "-d", app1.Text("app_db_name"), "-c", sql],
            TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["PGPASSWORD"] = _live.Secret("app_db_password"), ["PGCONNECT_TIMEOUT"] = "5" });
    }

    private async Task<List<Dictionary<string, string>>> PoolNodesAsync()
    {
        var result = await ShopSqlAsync("SHOW pool_nodes");
        if (result.ExitCode != 0)
        {
            return [];
        }

        // -At drops the header: the columns of SHOW pool_nodes in Pgpool-II 4.3.
        string[] columns = ["node_id", "hostname", "port", "status", "pg_status", "lb_weight", "role", "pg_role", "select_cnt", "load_balance_node", "replication_delay", "replication_state", "replication_sync_state", "last_status_change"];
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => columns.Zip(l.Split('|')).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal))
            .ToList();
    }

    private static OrderedDictionary<string, object?> Registered(ProgramResult result)
    {
        var registered = PlainData.NewMap();
        registered["rc"] = (long)result.ExitCode;
        registered["stdout"] = result.Stdout.TrimEnd('\n');
        registered["stderr"] = result.Stderr.TrimEnd('\n');
        return registered;
    }
}
