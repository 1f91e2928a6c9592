using Provisioner.Core.Data;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests.Commands;

[NonParallelizable]
public class CommandModuleTests
{
    private Scratch _scratch = null!;
    private ModuleCatalog _catalog = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _catalog = TestCatalog.Real();
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    private IModuleRunner Command => _catalog.FindRunner("command")!;

    private IModuleRunner Shell => _catalog.FindRunner("shell")!;

    [Test]
    public async Task Command_FreeForm_RunsWithoutShellAndReturnsOutput()
    {
        var outcome = await Converge.OnceAsync(Command, Args.Of(("cmd", "printf '%s\\n' 'hello world' '$HOME' '*'")));

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((true, false)));
        Assert.That(outcome.Returns["rc"], Is.Zero);
        Assert.That(outcome.Returns["stdout"], Is.EqualTo("hello world\n$HOME\n*"));
        Assert.That(outcome.Returns["stdout_lines"], Is.EqualTo(new object[] { "hello world", "$HOME", "*" }));
        Assert.That(outcome.Returns["cmd"], Is.EqualTo(new object[] { "printf", "%s\\n", "hello world", "$HOME", "*" }));
        Assert.That(outcome.Returns["delta"], Does.Match(@"^\d+:\d\d:\d\d\.\d{6}$"));
    }

    [Test]
    public async Task Command_Argv_PassesItemsExactly()
    {
        var outcome = await Converge.OnceAsync(Command, Args.Of(("argv", new List<object?> { "printf", "%s|", "a b", "'q'", 5L })));

        Assert.That(outcome.Returns["stdout"], Is.EqualTo("a b|'q'|5|"));
    }

    [Test]
    public async Task Command_NonZeroExit_FailsWithRcAndStderr()
    {
        var outcome = await Converge.OnceAsync(Command, Args.Of(("cmd", "ls /no/such/path")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Returns["rc"], Is.EqualTo(2L));
        Assert.That(outcome.Message, Does.StartWith("non-zero return code 2").And.Contain("No such file"));
    }

    [Test]
    public async Task Command_Creates_RunsOnceThenSkips()
    {
        var marker = _scratch["initialised"];
        var args = Args.Of(("cmd", $"touch {marker}"), ("creates", marker));

        var first = await Converge.OnceAsync(Command, args);
        var second = await Converge.OnceAsync(Command, args);

        Assert.That(first.Changed, Is.True);
        Assert.That(File.Exists(marker), Is.True);
        Assert.That((second.Changed, second.Failed), Is.EqualTo((false, false)));
        Assert.That(second.Message, Does.Contain("exists"));
    }

    [Test]
    public async Task Command_Removes_RunsOnlyWhileThePathExists()
    {
        var lockFile = _scratch["lock"];
        File.WriteAllText(lockFile, "x");
        var args = Args.Of(("cmd", $"rm {lockFile}"), ("removes", lockFile));

        var first = await Converge.OnceAsync(Command, args);
        var second = await Converge.OnceAsync(Command, args);

        Assert.That((first.Changed, second.Changed), Is.EqualTo((true, false)));
    }

    [Test]
    public async Task Command_CheckMode_IsSkippedAndRunsNothing()
    {
        var before = _scratch.Snapshot();

        var outcome = await Converge.OnceAsync(Command, Args.Of(("cmd", $"touch {_scratch["x"]}")), check: true);

        Assert.That((outcome.SkippedInCheckMode, outcome.Changed), Is.EqualTo((true, false)));
        Assert.That(_scratch.Snapshot(), Is.EqualTo(before));
    }

    [Test]
    public async Task Command_ChdirEnvAndStdin_AreGiven()
    {
        var env = PlainData.NewMap();
        env["GREETING"] = "hi";
        env["FLAG"] = true;

        var outcome = await Converge.OnceAsync(Command, Args.Of(("argv", new List<object?> { "sh", "-c", "read l; echo \"$l $GREETING $FLAG $(pwd)\"" }), ("chdir", _scratch.Root), ("env", env), ("stdin", "from stdin")));

        Assert.That(outcome.Returns["stdout"], Is.EqualTo($"from stdin hi true {_scratch.Root}"));
    }

    [Test]
    public async Task Command_CmdAndArgvTogether_IsAnArgumentError()
    {
        var outcome = await Converge.OnceAsync(Command, Args.Of(("cmd", "true"), ("argv", new List<object?> { "true" })));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("mutually exclusive"));
    }

    [Test]
    public async Task Command_UnbalancedQuote_FailsClearly()
    {
        var outcome = await Converge.OnceAsync(Command, Args.Of(("cmd", "echo 'oops")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("unterminated single quote"));
    }

    [Test]
    public async Task Shell_Pipeline_RunsThroughTheShell()
    {
        var outcome = await Converge.OnceAsync(Shell, Args.Of(("cmd", $"echo one two | wc -w > {_scratch["count"]}; cat {_scratch["count"]}")));

        Assert.That(outcome.Returns["stdout"], Is.EqualTo("2"));
        Assert.That(outcome.Returns["cmd"], Is.TypeOf<string>());
    }

    [Test]
    public async Task Shell_Executable_IsUsed()
    {
        var outcome = await Converge.OnceAsync(Shell, Args.Of(("cmd", "set -o pipefail; false | true"), ("executable", "/bin/bash")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Returns["rc"], Is.EqualTo(1L));
    }
}
