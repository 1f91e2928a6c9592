// Role common: the site checks of its first tasks, evaluated by the real engine against real inventories, and the
// apt proxy file read by apt itself.
using Provisioner.Core.Data;
using Provisioner.Core.Playbooks;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

public sealed class CommonTests
{
    private const string SizeCheck = "The inventory describes an N+1 site";
    private const string SecretsCheck = "Every secret is set and safe to write unquoted into configuration files and URLs";
    private const string AddressCheck = "This host has an address in the inventory (other hosts' configurations use it)";

    private SiteModel _site = null!;

    [OneTimeSetUp]
    public void LoadSite() => _site = SiteModel.Load();

    [Test]
    public void SiteChecks_ReferenceInventoryWithSecrets_AllHold()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        foreach (var host in inventory.Inventory.Hosts)
        {
            var view = SiteHost.For(_site, inventory.Inventory, host.Name, _site.PlayOf("common"));
            foreach (var check in new[] { SizeCheck, SecretsCheck, AddressCheck })
            {
                Assert.That(FailingConditions(view, check), Is.Empty, $"{check} on {host.Name}");
            }
        }
    }

    [Test]
    public void SecretsCheck_NoSecretsYml_FailsNamingEachSecret()
    {
        using var inventory = SiteInventory.Create(secrets: null);
        var failing = FailingConditions(Lb1(inventory), SecretsCheck);
        Assert.That(failing, Has.Count.EqualTo(6));
        foreach (var name in TestSecrets.ExampleValues().Keys)
        {
            Assert.That(failing, Has.One.Contains(name), "each failing condition names its secret");
        }
    }

    [TestCase("short")]
    [TestCase("has a space in it, and is long")]
    [TestCase("quote'and'more'characters")]
    public void SecretsCheck_UnsafeRedisPassword_Fails(string password)
    {
        var secrets = PlainData.CloneMap(TestSecrets.Generate());
        secrets["redis_password"] = password;
        using var inventory = SiteInventory.Create(secrets);
        var failing = FailingConditions(Lb1(inventory), SecretsCheck);
        Assert.That(failing, Has.Count.EqualTo(1));
        Assert.That(failing[0], Does.Contain("redis_password"));
    }

    [Test]
    public void SizeCheck_OneDbHostTooFew_Fails()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate(), editSiteYml: t => t.Replace("        db3: {address: 192.0.2.33}\n", "", StringComparison.Ordinal));
        Assert.That(inventory.Inventory.HostsOf("db"), Has.Count.EqualTo(2));
        Assert.That(FailingConditions(Lb1(inventory), SizeCheck), Is.EqualTo(new[] { "(groups.db ?? []).size >= postgres_min_replicas + 1" }));
    }

    [Test]
    public void SizeCheck_PrimaryNotADbHost_Fails()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate(), new Dictionary<string, IReadOnlyDictionary<string, object?>>
        {
            ["lb1"] = new Dictionary<string, object?> { ["postgres_primary"] = "cache1" },
        });
        Assert.That(FailingConditions(Lb1(inventory), SizeCheck), Is.EqualTo(new[] { "groups.db | array.contains postgres_primary" }));
    }

    [Test]
    public async Task AptProxy_Set_AptReadsTheProxyFromTheRenderedFile()
    {
        Programs.Require(("apt-config", "apt"));
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        var proxy = PlainData.NewMap();
        proxy["apt_proxy"] = "http://apt-cache.example.org:3142";
        var lb1 = SiteHost.For(_site, inventory.Inventory, "lb1", _site.PlayOf("common"), proxy);
        Assert.That(lb1.Runs(_site.TemplateTask("common", "apt-proxy.conf.sbn")), Is.True);
        Assert.That(lb1.Runs(_site.Task("common", "No apt proxy file when no proxy is set")), Is.False);

        var file = lb1.RenderTo("common", "apt-proxy.conf.sbn", Path.Combine(inventory.Directory, "01prov-proxy"));
        var dump = await Programs.RunAsync("apt-config", ["-c", file, "dump", "Acquire"]);
        Assert.That(dump.ExitCode, Is.Zero, dump.Describe());
        Assert.That(dump.Stdout, Does.Contain("Acquire::http::Proxy \"http://apt-cache.example.org:3142\";"));
        Assert.That(dump.Stdout, Does.Contain("Acquire::http::Timeout \"30\";").And.Contain("Acquire::Retries \"3\";"), "a stalled transfer does not hang apt");

        var none = SiteHost.For(_site, inventory.Inventory, "lb1", _site.PlayOf("common"));
        Assert.That(none.Runs(_site.TemplateTask("common", "apt-proxy.conf.sbn")), Is.False, "no proxy by default");
    }

    private SiteHost Lb1(SiteInventory inventory) => SiteHost.For(_site, inventory.Inventory, "lb1", _site.PlayOf("common"));

    /// <summary>The assert task's conditions that do not hold for the host, as written in the task.</summary>
    private List<string> FailingConditions(SiteHost host, string task)
    {
        var check = _site.Task("common", task);
        Assert.That(check.Module, Is.EqualTo("assert"));
        return ((IReadOnlyList<object?>)check.Args["that"]!).Cast<string>().Where(c => !host.Condition(c)).ToList();
    }
}
