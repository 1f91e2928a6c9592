using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Seams;

public class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new(TimeProvider.System);

    [Test]
    public async Task RunAsync_Program_CapturesOutputAndExitCode()
    {
        var result = await _runner.RunAsync(new ProcessRequest(["sh", "-c", "echo out; echo err >&2; exit 3"]), CancellationToken.None);

        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Stdout, Is.EqualTo("out\n"));
        Assert.That(result.Stderr, Is.EqualTo("err\n"));
        Assert.That(result.TimedOut, Is.False);
    }

    [Test]
    public async Task RunAsync_ArgumentsWithShellCharacters_ArePassedLiterally()
    {
        var result = await _runner.RunAsync(new ProcessRequest(["printf", "%s|", "$HOME; ls", "a b", "*"]), CancellationToken.None);

        Assert.That(result.Stdout, Is.EqualTo("$HOME; ls|a b|*|"));
    }

    [Test]
    public async Task RunAsync_StdinEnvironmentAndDirectory_AreGiven()
    {
        var request = new ProcessRequest(["sh", "-c", "read line; echo \"$line $GREETING $(pwd)\""])
        {
            Stdin = "hello\n",
            Environment = new Dictionary<string, string> { ["GREETING"] = "world" },
            WorkingDirectory = "/tmp",
        };

        var result = await _runner.RunAsync(request, CancellationToken.None);

        Assert.That(result.Stdout, Is.EqualTo("hello world /tmp\n"));
    }

    [Test]
    public async Task RunAsync_ProgramIgnoringStdin_DoesNotFail()
    {
        var result = await _runner.RunAsync(new ProcessRequest(["true"]) { Stdin = new string('x', 1 << 20) }, CancellationToken.None);

        Assert.That(result.ExitCode, Is.Zero);
    }

    [Test]
    public async Task RunAsync_Timeout_KillsTheWholeProcessGroup()
    {
        using var scratch = new Scratch();
        var pidFile = scratch["child.pid"];
        var request = new ProcessRequest(["sh", "-c", $"sleep 300 & echo $! > {pidFile}; wait"]) { Timeout = TimeSpan.FromSeconds(1) };

        var result = await _runner.RunAsync(request, CancellationToken.None);

        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.ExitCode, Is.EqualTo(-1));
        Assert.That(result.Duration, Is.LessThan(TimeSpan.FromSeconds(10)));
        await AssertGoneAsync(int.Parse(File.ReadAllText(pidFile).Trim()));
    }

    [Test]
    public async Task RunAsync_Cancelled_KillsTheGroupAndThrows()
    {
        using var scratch = new Scratch();
        var pidFile = scratch["child.pid"];
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        Assert.That(
            async () => await _runner.RunAsync(new ProcessRequest(["sh", "-c", $"sleep 300 & echo $! > {pidFile}; wait"]), cts.Token),
            Throws.InstanceOf<OperationCanceledException>());
        await AssertGoneAsync(int.Parse(File.ReadAllText(pidFile).Trim()));
    }

    [Test]
    public void RunAsync_UnknownProgram_ThrowsModuleExceptionNamingIt()
    {
        Assert.That(
            async () => await _runner.RunAsync(new ProcessRequest(["no-such-program-xyz"]), CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("no-such-program-xyz").And.Message.Contains("not found in PATH"));
    }

    [Test]
    public void RunAsync_MissingWorkingDirectory_ThrowsModuleException()
    {
        Assert.That(
            async () => await _runner.RunAsync(new ProcessRequest(["true"]) { WorkingDirectory = "/no/such/dir" }, CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("/no/such/dir"));
    }

    private static async Task AssertGoneAsync(int pid)
    {
        // A killed process lingers as a zombie until its parent (re-parented to init) reaps it; poll briefly.
        for (var i = 0; i < 50 && IsAlive(pid); i++)
        {
            await Task.Delay(100);
        }

        Assert.That(IsAlive(pid), Is.False, $"process {pid} still running");
    }

    private static bool IsAlive(int pid)
    {
        var status = $"/proc/{pid}/status";
        return File.Exists(status) && !File.ReadAllText(status).Contains("State:\tZ", StringComparison.Ordinal);
    }
}
