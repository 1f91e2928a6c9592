// Every `validate:` of a template task, run for real on the template rendered for a host of its play: it accepts
// the site's file and rejects a broken one, so it checks something.
using Provisioner.Core.Data;
using Provisioner.Site.Tests.Support;

namespace Provisioner.Site.Tests.Playbooks;

public sealed class ValidateCommandTests
{
    /// <summary>Programs the validate commands run, and the Debian package of each.</summary>
    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["nginx"] = "nginx",
        ["haproxy"] = "haproxy",
        ["apt-config"] = "apt",
        ["runuser"] = "util-linux",
        ["python3"] = "python3",
        ["sh"] = "dash",
        ["/usr/lib/postgresql/15/bin/postgres"] = "postgresql-15",
    };

    /// <summary>Values a template needs to be rendered at all on a reference host (the proxy is off by default).</summary>
    private static readonly Dictionary<string, object?> Needed = new(StringComparer.Ordinal)
    {
        ["apt_proxy"] = "http://apt-proxy.example.org:3142",
    };

    private string _root = null!;

    [SetUp]
    public void MakeScratch()
    {
        _root = Directory.CreateTempSubdirectory("prov-site-validate-").FullName;
        // The postgres check runs as user postgres and must read the file.
        File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
    }

    [TearDown]
    public void RemoveScratch() => Directory.Delete(_root, recursive: true);

    public static IEnumerable<TestCaseData> ValidatedTemplates()
    {
        var site = SiteModel.Load();
        foreach (var role in site.Playbook.Roles.Keys.Order(StringComparer.Ordinal))
        {
            foreach (var task in site.Tasks(role).Where(t => t.Module == "template" && t.Args.ContainsKey("validate")))
            {
                var src = (string)task.Args["src"]!;
                yield return new TestCaseData(role, src).SetName($"Validate_{role}_{src}_AcceptsTheSiteAndRejectsABrokenFile");
            }
        }
    }

    [TestCaseSource(nameof(ValidatedTemplates))]
    public async Task Validate_RenderedTemplate_AcceptsTheSiteAndRejectsABrokenFile(string role, string src)
    {
        var site = SiteModel.Load();
        var play = site.PlayOf(role);
        using var reference = SiteInventory.Create(TestSecrets.Generate());
        var hostName = reference.Inventory.HostsOf(play.HostPattern)[0].Name;
        var hostDirectory = Path.Combine(_root, hostName);
        var paths = ScratchPaths.For(hostDirectory);
        await ScratchPaths.CreateAsync(paths);
        using var inventory = SiteInventory.Create(TestSecrets.Generate(), new Dictionary<string, IReadOnlyDictionary<string, object?>> { [hostName] = paths });
        var host = SiteHost.For(site, inventory.Inventory, hostName, play, Needed);
        var task = site.TemplateTask(role, src);
        Assert.That(host.Runs(task), Is.True, $"the task runs on {hostName}");

        var file = Path.Combine(hostDirectory, "validate", src.Replace(".sbn", "", StringComparison.Ordinal));
        host.RenderTo(role, src, file);
        File.SetUnixFileMode(Path.GetDirectoryName(file)!, (UnixFileMode)0b111_101_101);
        var words = Programs.SplitWords(host.ArgText(task, "validate"));
        Programs.Require(words.Where(Packages.ContainsKey).Select(w => (w, Packages[w])).ToArray());

        // On the host itself: nginx -t binds the host's address, which exists only in the host's namespace.
        await using var network = await HostNetwork.CreateAsync([hostName], new Dictionary<string, string> { [hostName] = host.Text("address") });
        var argv = words.Select(w => w.Replace("%s", file, StringComparison.Ordinal)).ToList();
        var good = await network.RunAsync(hostName, argv);
        Assert.That(good.ExitCode, Is.Zero, $"validate: {task.Args["validate"]} on {role}/{src} rendered for {hostName}:\n{good.Describe()}\n--- file ---\n{File.ReadAllText(file)}");

        await File.AppendAllTextAsync(file, "\n}{ not a valid line (\n");
        var broken = await network.RunAsync(hostName, argv);
        Assert.That(broken.ExitCode, Is.Not.Zero, $"validate accepted a broken {src}: {broken.Describe()}");
        Assert.That(PlainData.ToDisplayString(task.Args["validate"]), Does.Contain("%s"), "the check reads the new file, not the live one");
    }
}
