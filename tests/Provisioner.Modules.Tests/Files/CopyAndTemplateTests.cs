using Microsoft.Extensions.Time.Testing;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Files;

[NonParallelizable]
public class CopyAndTemplateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero));
    private Scratch _scratch = null!;
    private ScratchAccounts _accounts = null!;
    private ModuleCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _accounts = new ScratchAccounts();
        _catalog = TestCatalog.Real(_time);
    }

    [TearDown]
    public void TearDown()
    {
        _scratch.Dispose();
        _accounts.Dispose();
    }

    private IModuleRunner Copy => _catalog.FindRunner("copy")!;

    private IModuleRunner Template => _catalog.FindRunner("template")!;

    [Test]
    public async Task Copy_Content_WritesFileWithModeAndOwner()
    {
        var user = _accounts.CreateUser();

        var outcome = await Converge.TwiceAsync(Copy, Args.Of(("dest", _scratch["motd"]), ("content", "hello\n"), ("mode", "0640"), ("owner", user), ("group", user)), _scratch);

        var stat = LibC.LStat(_scratch["motd"])!;
        Assert.That(File.ReadAllText(_scratch["motd"]), Is.EqualTo("hello\n"));
        Assert.That(stat.Mode, Is.EqualTo(0b110_100_000));
        Assert.That(outcome.Returns["owner"], Is.EqualTo(user));
        Assert.That(outcome.Returns["checksum"], Is.EqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"));
    }

    [Test]
    public async Task Copy_PlanFileOverExisting_ReportsFullTextDiffAndKeepsBackup()
    {
        File.WriteAllText(_scratch["app.conf"], "a=1\n");
        var resources = new PlanResources { Files = { ["files/app.conf"] = "a=2\n" } };

        var outcome = await Converge.TwiceAsync(Copy, Args.Of(("dest", _scratch["app.conf"]), ("src", "files/app.conf"), ("backup", true)), _scratch, resources);

        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { "content: a=1\n → a=2\n" }));
        Assert.That(outcome.Diff[0].Path, Is.EqualTo(_scratch["app.conf"]));
        Assert.That(File.ReadAllText(_scratch["app.conf.20250314T150926Z~"]), Is.EqualTo("a=1\n"));
    }

    [Test]
    public async Task Copy_ValidateRejects_FailsAndLeavesLiveFile()
    {
        File.WriteAllText(_scratch["sudoers"], "good\n");
        var before = _scratch.Snapshot();

        var outcome = await Converge.OnceAsync(Copy, Args.Of(("dest", _scratch["sudoers"]), ("content", "broken\n"), ("validate", "grep -q good %s")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("rejected the new content"));
        Assert.That(_scratch.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task Copy_ValidateAccepts_Converges()
    {
        await Converge.TwiceAsync(Copy, Args.Of(("dest", _scratch["conf"]), ("content", "good\n"), ("validate", "grep -q good %s")), _scratch);

        Assert.That(File.ReadAllText(_scratch["conf"]), Is.EqualTo("good\n"));
    }

    [Test]
    public async Task Copy_MissingDirectory_FailsSayingSo()
    {
        var outcome = await Converge.OnceAsync(Copy, Args.Of(("dest", _scratch["nodir/f"]), ("content", "x")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Copy_SrcNotInPlan_FailsNamingIt()
    {
        var outcome = await Converge.OnceAsync(Copy, Args.Of(("dest", _scratch["f"]), ("src", "files/missing.conf")), resources: new PlanResources());

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("files/missing.conf"));
    }

    [Test]
    public async Task Template_Rendered_ConvergesAndSecondRunSeesRenderedText()
    {
        var resources = new PlanResources { Files = { ["templates/up.sbn"] = "server {{ backend }};\n" }, Vars = { ["backend"] = "10.0.0.7:80" } };

        var outcome = await Converge.TwiceAsync(Template, Args.Of(("src", "templates/up.sbn"), ("dest", _scratch["up.conf"]), ("mode", "0600")), _scratch, resources);

        Assert.That(File.ReadAllText(_scratch["up.conf"]), Is.EqualTo("server 10.0.0.7:80;\n"));
        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { "state: absent → file", "content:  → server 10.0.0.7:80;\n" }));
    }

    [Test]
    public async Task Template_VariableChanges_RewritesOnlyWhenRenderedTextDiffers()
    {
        var resources = new PlanResources { Files = { ["templates/up.sbn"] = "server {{ backend }};\n" }, Vars = { ["backend"] = "a" } };
        await Converge.TwiceAsync(Template, Args.Of(("src", "templates/up.sbn"), ("dest", _scratch["up.conf"])), _scratch, resources);

        resources.Vars["backend"] = "b";
        var outcome = await Converge.TwiceAsync(Template, Args.Of(("src", "templates/up.sbn"), ("dest", _scratch["up.conf"])), _scratch, resources);

        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { "content: server a;\n → server b;\n" }));
    }
}
