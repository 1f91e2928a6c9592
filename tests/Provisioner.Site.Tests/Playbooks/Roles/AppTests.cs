// Role app: pretix.cfg read by Python's configparser (pretix's own parser), and the container's task arguments.
using System.Text.Json;
using Provisioner.Core.Data;
using Provisioner.Language.Inventory;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks.Roles;

public sealed class AppTests
{
    private const string ReadConfig =
        "import configparser, json, sys\n" +
        "c = configparser.RawConfigParser(strict=True)\n" +
        "c.read_file(open(sys.argv[1]))\n" +
        "print(json.dumps({s: dict(c.items(s)) for s in c.sections()}))";

    private SiteModel _site = null!;

    [OneTimeSetUp]
    public void LoadSite() => _site = SiteModel.Load();

    [TestCase("app1", "192.0.2.21")]
    [TestCase("app2", "192.0.2.22")]
    public async Task PretixCfg_EachAppHost_UsesItsOwnPgpoolAndHaproxy(string app, string address)
    {
        Programs.Require(("python3", "python3"));
        var secrets = TestSecrets.Generate();
        using var inventory = SiteInventory.Create(secrets);
        var host = SiteHost.For(_site, inventory.Inventory, app, _site.PlayOf("app"));
        var file = host.RenderTo("app", "pretix.cfg.sbn", Path.Combine(inventory.Directory, "pretix.cfg"));

        var read = await Programs.RunAsync("python3", ["-c", ReadConfig, file]);
        Assert.That(read.ExitCode, Is.Zero, read.Describe());
        using var json = JsonDocument.Parse(read.Stdout);
        string Get(string section, string key) => json.RootElement.GetProperty(section).GetProperty(key).GetString()!;

        Assert.That(Get("database", "backend"), Is.EqualTo("postgresql"));
        Assert.That(Get("database", "host"), Is.EqualTo(address));
        Assert.That(Get("database", "port"), Is.EqualTo("9999"), "Pgpool-II's port");
        Assert.That(Get("database", "name"), Is.EqualTo("pretix"));
        Assert.That(Get("database", "password"), Is.EqualTo(secrets["app_db_password"]));
        var redis = $"redis://:{secrets["redis_password"]}@{address}:6380";
        Assert.That(Get("redis", "location"), Is.EqualTo(redis + "/0"), "HAProxy's Redis frontend");
        Assert.That(Get("celery", "backend"), Is.EqualTo(redis + "/1"));
        Assert.That(Get("celery", "broker"), Is.EqualTo(redis + "/2"));
        Assert.That(Get("django", "secret"), Is.EqualTo(secrets["app_secret_key"]), "the same on every app host");
        Assert.That(Get("pretix", "datadir"), Is.EqualTo("/data"));
        Assert.That(Get("pretix", "url"), Is.EqualTo("https://shop.example.org"));
    }

    [Test]
    public void Container_App1_PublishesOnItsAddressAndMountsItsConfiguration_AndTheRestartHandlerMatches()
    {
        using var inventory = SiteInventory.Create(TestSecrets.Generate());
        var app1 = SiteHost.For(_site, inventory.Inventory, "app1", _site.PlayOf("app"));
        var run = _site.Task("app", "The shop's container runs");
        Assert.That(app1.ArgText(run, "image"), Is.EqualTo("pretix/standalone:stable"));
        Assert.That(app1.Arg(run, "ports"), Is.EqualTo(new[] { "192.0.2.21:8345:80" }));
        Assert.That(app1.Arg(run, "volumes"), Is.EqualTo(new[] { "/etc/pretix:/etc/pretix:ro", "/var/pretix-data:/data" }));
        Assert.That(app1.Arg(run, "env"), Is.EqualTo(new Dictionary<string, object?> { ["APP_HOST"] = "app1" }), "the shop can say which host served");

        var restart = _site.Task("app", "restart app");
        foreach (var argument in new[] { "name", "image", "ports", "volumes", "env", "restart_policy", "state" })
        {
            Assert.That(PlainData.DeepEquals(app1.Arg(restart, argument), app1.Arg(run, argument)), Is.True, $"handler 'restart app' has the task's {argument}");
        }

        Assert.That(restart.Args["recreate"], Is.True);
        Assert.That(run.Notify, Is.Empty);
        Assert.That(_site.TemplateTask("app", "pretix.cfg.sbn").Notify, Is.EqualTo(new[] { "restart app" }));
    }

    [Test]
    public void Image_LabInventory_IsLoadedFromItsArchiveInsteadOfPulled()
    {
        var reference = InventoryLoader.Load([Repo.InventoryDirectory]).Inventory;
        var lab = InventoryLoader.Load([Repo.InventoryDirectory, Path.Combine(Repo.Root, "lab", "inventory")]).Inventory;
        var pull = _site.Task("app", "The shop's image is pulled");
        var load = _site.Task("app", "The shop's image is loaded from its archive");

        var referenceApp1 = SiteHost.For(_site, reference, "app1", _site.PlayOf("app"));
        Assert.That((referenceApp1.Runs(pull), referenceApp1.Runs(load)), Is.EqualTo((true, false)));

        var labApp1 = SiteHost.For(_site, lab, "app1", _site.PlayOf("app"));
        Assert.That((labApp1.Runs(pull), labApp1.Runs(load)), Is.EqualTo((false, true)));
        Assert.That(labApp1.ArgText(load, "name"), Is.EqualTo("prov-lab/pretix"));
        Assert.That(labApp1.ArgText(load, "load_path"), Is.EqualTo("/var/cache/prov/app-image.tar"));
    }
}
