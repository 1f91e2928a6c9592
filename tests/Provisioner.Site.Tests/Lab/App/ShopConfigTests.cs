// The lab's shop (lab/app/shop.py): how it reads pretix.cfg, checked with the real Python on the file the site
// renders for an app host and on broken copies of it.
using System.Text.Json;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Lab.App;

public sealed class ShopConfigTests
{
    /// <summary>Debian's interpreter: python3-psycopg2 and python3-redis install for it.</summary>
    internal const string Python = "/usr/bin/python3";

    internal static string ShopDirectory => Path.Combine(Repo.Root, "lab", "app");

    // Prints the parsed settings as JSON, or "ConfigError: message" and exits 3.
    private const string ParseConfig =
        "import dataclasses, json, sys\n" +
        "sys.path.insert(0, sys.argv[1])\n" +
        "import shop\n" +
        "try:\n" +
        "    c = shop.read_config(sys.argv[2])\n" +
        "except shop.ConfigError as e:\n" +
        "    print('ConfigError: ' + str(e)); sys.exit(3)\n" +
        "print(json.dumps({**dataclasses.asdict(c), 'repr': repr(c), 'describe': c.describe()}))";

    private SiteModel _site = null!;

    [OneTimeSetUp]
    public void LoadSite() => _site = SiteModel.Load();

    [TestCase("app1", "192.0.2.21")]
    [TestCase("app2", "192.0.2.22")]
    public async Task ReadConfig_SitePretixCfg_UsesTheHostsPgpoolAndHaproxyWithTheSecrets(string app, string address)
    {
        var secrets = TestSecrets.Generate();
        using var inventory = SiteInventory.Create(secrets);
        var file = SiteHost.For(_site, inventory.Inventory, app, _site.PlayOf("app")).RenderTo("app", "pretix.cfg.sbn", Path.Combine(inventory.Directory, "pretix.cfg"));

        using var json = JsonDocument.Parse(await ParseAsync(file, expectError: false));
        var c = json.RootElement;
        Assert.That(c.GetProperty("db_host").GetString(), Is.EqualTo(address));
        Assert.That(c.GetProperty("db_port").GetInt32(), Is.EqualTo(9999), "Pgpool-II's port");
        Assert.That(c.GetProperty("db_name").GetString(), Is.EqualTo("pretix"));
        Assert.That(c.GetProperty("db_user").GetString(), Is.EqualTo("pretix"));
        Assert.That(c.GetProperty("db_password").GetString(), Is.EqualTo(secrets["app_db_password"]));
        Assert.That(c.GetProperty("redis_host").GetString(), Is.EqualTo(address));
        Assert.That(c.GetProperty("redis_port").GetInt32(), Is.EqualTo(6380), "HAProxy's Redis frontend");
        Assert.That(c.GetProperty("redis_password").GetString(), Is.EqualTo(secrets["redis_password"]));
        Assert.That(c.GetProperty("redis_db").GetInt32(), Is.Zero, "[redis] location names the cache database");
        Assert.That(c.GetProperty("instance_name").GetString(), Is.EqualTo("Ticket shop"));
        foreach (var shown in new[] { "repr", "describe" })
        {
            Assert.That(c.GetProperty(shown).GetString(), Does.Not.Contain((string)secrets["app_db_password"]!).And.Not.Contain((string)secrets["redis_password"]!), $"{shown} shows no secret");
        }
    }

    [TestCase("location=redis://:pw@10.1.2.3:6380/0", "location=redis://10.1.2.3", "\"redis_host\": \"10.1.2.3\", \"redis_port\": 6379, \"redis_password\": \"\", \"redis_db\": 0")]
    [TestCase("location=redis://:pw@10.1.2.3:6380/0", "location=redis://:p%40ss@cache:7000/5", "\"redis_host\": \"cache\", \"redis_port\": 7000, \"redis_password\": \"p@ss\", \"redis_db\": 5")]
    [TestCase("port=9999\n", "", "\"db_port\": 5432")]
    public async Task ReadConfig_Variants_AreParsed(string replace, string with, string expected)
    {
        using var scratch = new ScratchFile(Sample.Replace(replace, with, StringComparison.Ordinal));
        Assert.That(await ParseAsync(scratch.Path, expectError: false), Does.Contain(expected));
    }

    [TestCase("location=redis://:pw@10.1.2.3:6380/0\n", "", "[redis] has no 'location'")]
    [TestCase("[database]\n", "[db]\n", "[database] has no 'name'")]
    [TestCase("port=9999", "port=pgpool", "[database] port must be a port number, got 'pgpool'")]
    [TestCase("backend=postgresql", "backend=sqlite3", "[database] backend is 'sqlite3'; this shop speaks only postgresql")]
    [TestCase("redis://:pw@10.1.2.3:6380/0", "http://10.1.2.3:6380/0", "[redis] location: expected a redis:// URL, got scheme 'http'")]
    [TestCase("redis://:pw@10.1.2.3:6380/0", "redis://:pw@10.1.2.3:6380/cache", "the database after the last '/' must be a number, got 'cache'")]
    [TestCase("host=10.1.2.3\n", "host=10.1.2.3\nhost=10.1.2.4\n", "option 'host' in section 'database' already exists")]
    public async Task ReadConfig_Broken_SaysWhichFileSectionAndValue(string replace, string with, string expected)
    {
        using var scratch = new ScratchFile(Sample.Replace(replace, with, StringComparison.Ordinal));
        var error = await ParseAsync(scratch.Path, expectError: true);
        Assert.That(error, Does.StartWith("ConfigError: " + scratch.Path).And.Contain(expected));
        Assert.That(error, Does.Not.Contain("secretpw"));
    }

    [Test]
    public async Task ReadConfig_MissingFile_SaysSo()
    {
        Assert.That(await ParseAsync("/nonexistent/pretix.cfg", expectError: true), Is.EqualTo("ConfigError: cannot read /nonexistent/pretix.cfg: No such file or directory\n"));
    }

    [Test]
    public async Task Redact_ErrorNamingASecret_ShowsOnlyItsFirstLineWithoutTheSecret()
    {
        var run = await Programs.RunAsync(Python, ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import shop; print(shop.redact('FATAL: password s3cret-pw wrong\\nDETAIL: s3cret-pw', ['s3cret-pw']))", ShopDirectory],
            environment: new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" });
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        Assert.That(run.Stdout, Is.EqualTo("FATAL: password *** wrong\n"));
    }

    private const string Sample =
        "[pretix]\ninstance_name=Lab shop\n\n[database]\nbackend=postgresql\nname=pretix\nuser=pretix\npassword=secretpw\nhost=10.1.2.3\nport=9999\n\n" +
        "[redis]\nlocation=redis://:pw@10.1.2.3:6380/0\nsessions=true\n";

    private static async Task<string> ParseAsync(string file, bool expectError)
    {
        Programs.Require((Python, "python3"));
        var run = await Programs.RunAsync(Python, ["-c", ParseConfig, ShopDirectory, file], environment: new Dictionary<string, string> { ["PYTHONDONTWRITEBYTECODE"] = "1" });
        Assert.That(run.ExitCode, Is.EqualTo(expectError ? 3 : 0), run.Describe());
        return run.Stdout;
    }

    private sealed class ScratchFile : IDisposable
    {
        public ScratchFile(string text)
        {
            Path = System.IO.Path.Combine(Directory.CreateTempSubdirectory("prov-shop-config-").FullName, "pretix.cfg");
            File.WriteAllText(Path, text);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
    }
}
