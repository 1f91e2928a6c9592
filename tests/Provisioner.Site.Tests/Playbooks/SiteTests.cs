// The site as a whole: it validates, every role is documented, and addresses, ports and passwords come only from
// the inventory.
using System.Text.RegularExpressions;
using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Inventory;
using Provisioner.Language.Yaml;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks;

public sealed partial class SiteTests
{
    private static readonly string[] Roles = ["common", "docker", "postgresql", "postgresql_replica", "pgpool", "redis", "sentinel", "haproxy", "nginx", "app"];

    private SiteModel _site = null!;

    [OneTimeSetUp]
    public void LoadSite() => _site = SiteModel.Load();

    [Test]
    public void Handlers_ReloadBeforeRestart_NeverSignalAServiceTheRestartJustStarted()
    {
        // Handlers run in the order written; a reload right after a restart stopped Pgpool-II (SIGHUP before its handler).
        foreach (var role in Roles)
        {
            var names = _site.Role(role).Handlers.OfType<TaskSpec>().Select(h => h.Name ?? string.Empty).ToList();
            var lastReload = names.FindLastIndex(n => n.StartsWith("reload ", StringComparison.Ordinal));
            var firstRestart = names.FindIndex(n => n.StartsWith("restart ", StringComparison.Ordinal));
            Assert.That(lastReload < 0 || firstRestart < 0 || lastReload < firstRestart, Is.True, $"role {role}: {string.Join(", ", names)}");
        }
    }

    [Test]
    public void Pgpool_LastTask_WaitsUntilItAnswersBeforeHandlersRun()
    {
        var tasks = _site.Role("pgpool").Tasks.OfType<TaskSpec>().ToList();

        Assert.That(tasks[^1].Module, Is.EqualTo("wait_for"));
        Assert.That(tasks[^2].Module, Is.EqualTo("service"));
    }

    [Test]
    public void SyntaxCheck_WithTheReferenceInventory_ReportsNoError()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        var checkedSite = SiteModel.Load([inventory.File]);

        var errors = checkedSite.Validated.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, "prov syntax-check playbooks/site.yml reports errors");
        Assert.That(checkedSite.Playbook.Plays.Select(p => p.HostPattern), Is.EqualTo(new[] { "all", "db", "db", "app", "cache", "app", "app", "lb" }),
            "plays run tier by tier: common, PostgreSQL primary, replicas, Pgpool-II, Redis+Sentinel, HAProxy, Docker+app, nginx");
    }

    [Test]
    public void Roles_Every_HasAOneLineReadmeDefaultsAndTasks()
    {
        foreach (var role in Roles)
        {
            var directory = Path.Combine(Repo.RolesDirectory, role);
            var readme = Path.Combine(directory, "README.md");
            Assert.That(File.Exists(readme), Is.True, $"{role}: README.md");
            Assert.That(File.ReadAllLines(readme).Where(l => l.Trim().Length > 0).ToList(), Has.Count.EqualTo(1), $"{role}: README.md is one line");
            Assert.That(File.Exists(Path.Combine(directory, "defaults", "main.yml")), Is.True, $"{role}: defaults/main.yml");
            Assert.That(File.Exists(Path.Combine(directory, "tasks", "main.yml")), Is.True, $"{role}: tasks/main.yml");
        }

        Assert.That(Directory.GetDirectories(Repo.RolesDirectory).Select(Path.GetFileName), Is.EquivalentTo(Roles), "the roles site.yml uses, and no other");
    }

    [Test]
    public void Defaults_EveryVariable_HasACommentAboveIt()
    {
        var undocumented = new List<string>();
        foreach (var role in Roles)
        {
            var path = Path.Combine(Repo.RolesDirectory, role, "defaults", "main.yml");
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (TopLevelKey().Match(lines[i]) is { Success: true } key && (i == 0 || !lines[i - 1].StartsWith('#')))
                {
                    undocumented.Add($"playbooks/roles/{role}/defaults/main.yml:{i + 1}: {key.Groups[1].Value}");
                }
            }
        }

        Assert.That(undocumented, Is.Empty, "a variable without a comment line directly above it");
    }

    [Test]
    public void Defaults_VariableOfSeveralRoles_HasTheSameDefaultInEach()
    {
        var seen = new Dictionary<string, (string Role, object? Value)>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        foreach (var role in Roles)
        {
            foreach (var (name, value) in _site.Role(role).Defaults)
            {
                if (seen.TryGetValue(name, out var first) && !PlainData.DeepEquals(first.Value, value))
                {
                    conflicts.Add($"{name}: {PlainData.ToDisplayString(first.Value)} in {first.Role}, {PlainData.ToDisplayString(value)} in {role}");
                }

                seen.TryAdd(name, (role, value));
            }
        }

        Assert.That(conflicts, Is.Empty);
    }

    [Test]
    public void SiteSettings_EveryVariable_IsOneARoleReads()
    {
        var defaults = Roles.SelectMany(r => _site.Role(r).Defaults.Keys).ToHashSet(StringComparer.Ordinal);
        var settings = Settings();
        Assert.That(settings.Keys.Where(k => !defaults.Contains(k)), Is.Empty, "group_vars/all/main.yml sets a variable no role defines (a typo?)");
    }

    [Test]
    public void Templates_AddressesAndPorts_ComeOnlyFromVariables()
    {
        var ports = Settings().Where(s => s.Key.EndsWith("_port", StringComparison.Ordinal)).ToList();
        Assert.That(ports, Has.Count.GreaterThan(8));
        var found = new List<string>();
        foreach (var template in Directory.EnumerateFiles(Repo.RolesDirectory, "*.sbn", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(template);
            var name = Path.GetRelativePath(Repo.Root, template);
            found.AddRange(AddressLiteral().Matches(text).Select(m => $"{name}: address {m.Value}"));
            found.AddRange(ports.Where(p => Regex.IsMatch(text, $@"(?<![\w.]){p.Value}(?![\w.])")).Select(p => $"{name}: {p.Value} ({p.Key})"));
        }

        Assert.That(found, Is.Empty, "literals in templates");
    }

    [Test]
    public void Secrets_AreOnlyInTheSecretsFile()
    {
        var example = TestSecrets.ExampleValues();
        Assert.That(example.Keys, Is.EquivalentTo(new[] { "postgres_replication_password", "pgpool_check_password", "app_db_password", "app_secret_key", "redis_password", "haproxy_stats_password" }));
        Assert.That(example.Values, Is.All.Null, "secrets.example.yml documents the secrets and sets none");

        Assert.That(Settings().Keys.Intersect(example.Keys), Is.Empty, "group_vars/all/main.yml");
        foreach (var role in Roles)
        {
            Assert.That(_site.Role(role).Defaults.Keys.Intersect(example.Keys), Is.Empty, $"role {role} defaults");
        }

        var lab = (YamlLoader.LoadFile(Path.Combine(LabOverrides, "group_vars", "all.yml"), "lab") as YMapping)!;
        Assert.That(YamlConvert.ToPlainMap(lab).Keys.Intersect(example.Keys), Is.Empty, "lab/inventory");

        var gitignore = File.ReadAllLines(Path.Combine(Repo.Root, ".gitignore"));
        Assert.That(gitignore, Does.Contain("inventory/group_vars/all/secrets.yml"));
    }

    [Test]
    public void Tasks_HandlingASecret_AreNoLog()
    {
        var secrets = TestSecrets.ExampleValues().Keys.ToList();
        var leaking = new List<string>();
        foreach (var role in Roles)
        {
            foreach (var task in _site.Tasks(role))
            {
                var text = PlainData.ToDisplayString(task.Args);
                if (task.Module == "template")
                {
                    text += File.ReadAllText(_site.TemplatePath(role, (string)task.Args["src"]!));
                }

                var used = secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).ToList();
                if (used.Count > 0 && task.NoLog != true && !IsSiteCheck(task))
                {
                    leaking.Add($"{task.Location} '{task.Name}' uses {string.Join(", ", used)}");
                }
            }
        }

        Assert.That(leaking, Is.Empty, "tasks whose arguments, diff or output would show a secret need no_log: true");

        // The secrets check names the variables and shows no value.
        static bool IsSiteCheck(TaskSpec task) => task.Module == "assert";
    }

    [Test]
    public void TemplateTasks_WithoutValidate_AreTheOnesNoProgramCanCheckAlone()
    {
        var uncheckable = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["postgresql/pg_hba.conf.sbn"] = "read only from the server's configured path; the role asks pg_hba_file_rules after start",
            ["postgresql/pgpass.sbn"] = "a password file",
            ["postgresql/site.sql.sbn"] = "applied by psql with ON_ERROR_STOP right after",
            ["pgpool/pgpool.conf.sbn"] = "Pgpool-II 4.3 has no check mode",
            ["pgpool/pool_hba.conf.sbn"] = "Pgpool-II 4.3 has no check mode",
            ["pgpool/pool_passwd.sbn"] = "Pgpool-II 4.3 has no check mode",
            ["pgpool/failover.pgpass.sbn"] = "a password file",
            ["redis/redis.conf.sbn"] = "Redis has no check mode",
            ["redis/replication.conf.sbn"] = "Redis has no check mode",
            ["redis/redis-server.service.conf.sbn"] = "a systemd drop-in is not a unit",
            ["sentinel/sentinel.conf.sbn"] = "Sentinel has no check mode",
            ["sentinel/redis-sentinel.service.conf.sbn"] = "a systemd drop-in is not a unit",
        };

        var withoutValidate = Roles
            .SelectMany(r => _site.Tasks(r).Where(t => t.Module == "template" && !t.Args.ContainsKey("validate")).Select(t => $"{r}/{t.Args["src"]}"))
            .ToList();

        Assert.That(withoutValidate, Is.EquivalentTo(uncheckable.Keys), "a template whose program has a checker must use validate:");
    }

    [Test]
    public void InventoryFolder_AsAUserGivesIt_IsTheReferenceSiteAtDocumentationAddressesWithoutLabOverrides()
    {
        var loaded = InventoryLoader.Load([Repo.InventoryDirectory]);

        var groups = new[] { "lb", "app", "db", "cache" }.ToDictionary(g => g, g => loaded.Inventory.HostsOf(g).Select(h => h.Name).ToList());
        Assert.That(groups, Is.EqualTo(new Dictionary<string, List<string>>
        {
            ["lb"] = ["lb1", "lb2"], ["app"] = ["app1", "app2"], ["db"] = ["db1", "db2", "db3"], ["cache"] = ["cache1", "cache2", "cache3"],
        }));
        foreach (var host in loaded.Inventory.Hosts)
        {
            Assert.That(host.Vars["address"], Does.StartWith("192.0.2."), $"{host.Name} has a documentation address (RFC 5737)");
            Assert.That(host.Vars.GetValueOrDefault("app_image"), Is.Not.EqualTo("prov-lab/pretix"), $"{host.Name}: the lab's overrides are not in inventory/");
        }
    }

    [Test]
    public void LabOverrides_GivenAfterTheReference_ReplaceTheShopImage()
    {
        var loaded = InventoryLoader.Load([Repo.InventoryDirectory, LabOverrides]);
        var app1 = loaded.Inventory.FindHost("app1")!;
        Assert.That(app1.Vars["app_image"], Is.EqualTo("prov-lab/pretix"));
        Assert.That(app1.Vars["app_image_source"], Is.EqualTo("load"));
        Assert.That(app1.Vars["redis_set_overcommit_memory"], Is.False);
        Assert.That(app1.Vars["address"], Is.EqualTo("192.0.2.21"), "addresses still come from the inventory given");
    }

    private static string LabOverrides => Path.Combine(Repo.Root, "lab", "inventory");

    private static OrderedDictionary<string, object?> Settings() =>
        YamlConvert.ToPlainMap((YamlLoader.LoadFile(Path.Combine(Repo.InventoryDirectory, "group_vars", "all", "main.yml"), "main.yml") as YMapping)!);

    [GeneratedRegex(@"^([a-z_][a-z0-9_]*):")]
    private static partial Regex TopLevelKey();

    [GeneratedRegex(@"(?<![\w.])\d{1,3}(\.\d{1,3}){3}(?![\w.])")]
    private static partial Regex AddressLiteral();
}
