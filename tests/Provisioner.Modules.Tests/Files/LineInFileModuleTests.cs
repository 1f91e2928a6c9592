using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Files;

[NonParallelizable]
public class LineInFileModuleTests
{
    private Scratch _scratch = null!;
    private IModuleRunner _lineinfile = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _lineinfile = TestCatalog.Real().FindRunner("lineinfile")!;
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public async Task Regexp_ReplacesLineAndConverges()
    {
        File.WriteAllText(_scratch["sshd_config"], "#PasswordAuthentication yes\nUsePAM yes\n");

        var outcome = await Converge.TwiceAsync(_lineinfile, Args.Of(("path", _scratch["sshd_config"]), ("regexp", "^#?PasswordAuthentication "), ("line", "PasswordAuthentication no")), _scratch);

        Assert.That(File.ReadAllText(_scratch["sshd_config"]), Is.EqualTo("PasswordAuthentication no\nUsePAM yes\n"));
        Assert.That(outcome.Returns["path"], Is.EqualTo(_scratch["sshd_config"]));
    }

    [Test]
    public async Task Create_MissingFile_IsCreatedWithMode()
    {
        await Converge.TwiceAsync(_lineinfile, Args.Of(("path", _scratch["new.conf"]), ("line", "a=1"), ("create", true), ("mode", "0600")), _scratch);

        Assert.That(File.ReadAllText(_scratch["new.conf"]), Is.EqualTo("a=1\n"));
        Assert.That(LibC.LStat(_scratch["new.conf"])!.Mode, Is.EqualTo(0b110_000_000));
    }

    [Test]
    public async Task Absent_RemovesMatchingLines()
    {
        File.WriteAllText(_scratch["hosts"], "10.0.0.3 old-db\n127.0.0.1 localhost\n");

        await Converge.TwiceAsync(_lineinfile, Args.Of(("path", _scratch["hosts"]), ("regexp", "old-db$"), ("state", "absent")), _scratch);

        Assert.That(File.ReadAllText(_scratch["hosts"]), Is.EqualTo("127.0.0.1 localhost\n"));
    }

    [Test]
    public async Task MissingFileWithoutCreate_FailsSayingHow()
    {
        var outcome = await Converge.OnceAsync(_lineinfile, Args.Of(("path", _scratch["none"]), ("line", "x")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("create: yes"));
    }

    [Test]
    public async Task ValidateRejects_LeavesFileAndFails()
    {
        File.WriteAllText(_scratch["conf"], "good\n");
        var before = _scratch.Snapshot();

        var outcome = await Converge.OnceAsync(_lineinfile, Args.Of(("path", _scratch["conf"]), ("line", "bad"), ("validate", "sh -c '! grep -q bad %s'")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(_scratch.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task InvalidRegexp_FailsAsArgumentError()
    {
        File.WriteAllText(_scratch["conf"], "x\n");

        var outcome = await Converge.OnceAsync(_lineinfile, Args.Of(("path", _scratch["conf"]), ("line", "y"), ("regexp", "([")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("regexp: not a valid regular expression"));
    }
}
