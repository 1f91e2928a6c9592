using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Files;

[NonParallelizable]
public class FileModuleTests
{
    private Scratch _scratch = null!;
    private ScratchAccounts _accounts = null!;
    private IModuleRunner _file = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _accounts = new ScratchAccounts();
        _file = TestCatalog.Real().FindRunner("file")!;
    }

    [TearDown]
    public void TearDown()
    {
        _scratch.Dispose();
        _accounts.Dispose();
    }

    [Test]
    public async Task Directory_WithMissingParents_IsCreatedWithModeAndOwner()
    {
        var user = _accounts.CreateUser();

        var outcome = await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["a/b/c"]), ("state", "directory"), ("mode", "0750"), ("owner", user), ("group", user)), _scratch);

        var stat = LibC.LStat(_scratch["a/b/c"])!;
        Assert.That((stat.Kind, stat.Mode), Is.EqualTo((FileKind.Directory, 0b111_101_000)));
        Assert.That(LibC.LStat(_scratch["a"])!.Mode, Is.EqualTo(0b111_101_101), "parents get 0755");
        Assert.That(outcome.Returns["owner"], Is.EqualTo(user));
        Assert.That(outcome.Returns["mode"], Is.EqualTo("0750"));
    }

    [Test]
    public async Task Directory_Recurse_AppliesModeAndOwnerBelow()
    {
        var user = _accounts.CreateUser();
        Directory.CreateDirectory(_scratch["site/css"]);
        File.WriteAllText(_scratch["site/index.html"], "hi");
        File.WriteAllText(_scratch["site/css/a.css"], "a");

        var outcome = await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["site"]), ("state", "directory"), ("recurse", true), ("owner", user), ("mode", "u=rwX,g=rX,o=")), _scratch);

        Assert.That(LibC.LStat(_scratch["site/css/a.css"])!.Mode, Is.EqualTo(0b110_100_000));
        Assert.That(LibC.LStat(_scratch["site/css"])!.Mode, Is.EqualTo(0b111_101_000));
        Assert.That(outcome.Diff.Count(d => d.Property == "owner"), Is.EqualTo(4));
    }

    [Test]
    public async Task Link_MissingThenRetargeted_Converges()
    {
        File.WriteAllText(_scratch["v1"], "1");
        File.WriteAllText(_scratch["v2"], "2");

        await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["current"]), ("src", "v1"), ("state", "link")), _scratch);
        var outcome = await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["current"]), ("src", "v2"), ("state", "link")), _scratch);

        Assert.That(File.ReadAllText(_scratch["current"]), Is.EqualTo("2"));
        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { "src: v1 → v2" }));
    }

    [Test]
    public async Task Link_OverFileWithoutForce_FailsAndKeepsTheFile()
    {
        File.WriteAllText(_scratch["current"], "keep");

        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["current"]), ("src", "v1"), ("state", "link")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("force: yes"));
        Assert.That(File.ReadAllText(_scratch["current"]), Is.EqualTo("keep"));
    }

    [Test]
    public async Task Link_OverFileWithForce_ReplacesIt()
    {
        File.WriteAllText(_scratch["current"], "old");

        await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["current"]), ("src", "/etc/hostname"), ("state", "link"), ("force", "yes")), _scratch);

        Assert.That(LibC.LStat(_scratch["current"])!.LinkTarget, Is.EqualTo("/etc/hostname"));
    }

    [Test]
    public async Task Touch_Missing_CreatesEmptyFileWithMode()
    {
        await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["flag"]), ("state", "touch"), ("mode", "0600")), _scratch);

        var stat = LibC.LStat(_scratch["flag"])!;
        Assert.That((stat.Kind, stat.Mode, stat.Size), Is.EqualTo((FileKind.File, 0b110_000_000, 0L)));
    }

    [Test]
    public async Task File_ExistingModeDiffers_IsChanged()
    {
        File.WriteAllText(_scratch["f"], "x");

        var outcome = await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["f"]), ("mode", 600L)), _scratch);

        Assert.That(CaseFile.Lines(outcome.Diff), Is.EqualTo(new[] { "mode: 0644 → 0600" }));
    }

    [Test]
    public async Task Absent_Directory_IsRemovedRecursively()
    {
        Directory.CreateDirectory(_scratch["old/deep"]);
        File.WriteAllText(_scratch["old/deep/f"], "x");

        await Converge.TwiceAsync(_file, Args.Of(("path", _scratch["old"]), ("state", "absent")), _scratch);

        Assert.That(Directory.Exists(_scratch["old"]), Is.False);
    }

    [Test]
    public async Task File_Missing_FailsSayingHowToCreateIt()
    {
        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["missing"])), check: true);

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("does not exist").And.Contain("state=touch"));
    }

    [Test]
    public async Task Owner_UnknownUser_FailsNamingIt()
    {
        File.WriteAllText(_scratch["f"], "x");

        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["f"]), ("owner", "no-such-user-xyz")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("no-such-user-xyz").And.Contain("no such user"));
    }

    [Test]
    public async Task Path_WithDotDot_IsRefused()
    {
        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["a/../b"]), ("state", "directory")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("'..'"));
        Assert.That(Directory.Exists(_scratch["b"]), Is.False);
    }

    [Test]
    public async Task Path_BelowSymlinkedDirectory_IsRefused()
    {
        Directory.CreateDirectory(_scratch["real"]);
        File.CreateSymbolicLink(_scratch["alias"], _scratch["real"]);

        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["alias/new"]), ("state", "directory")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("symbolic link"));
        Assert.That(Directory.Exists(_scratch["real/new"]), Is.False);
    }

    [Test]
    public async Task Mode_OnLink_IsAnArgumentError()
    {
        var outcome = await Converge.OnceAsync(_file, Args.Of(("path", _scratch["l"]), ("src", "x"), ("state", "link"), ("mode", "0644")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("mode: a symbolic link has no mode"));
    }
}
