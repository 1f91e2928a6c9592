using Provisioner.Lab.Processes;
using Serilog.Core;

namespace Provisioner.Lab.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private readonly ProcessRunner _runner = new(TimeProvider.System, Logger.None);

    [Test]
    public async Task RunAsync_ArgumentsWithSpacesAndQuotes_ArePassedVerbatim()
    {
        var result = await _runner.RunAsync(new ProcessSpec("printf", ["%s|", "a b", "'q'", "$HOME"], TimeSpan.FromSeconds(10), "echo"), CancellationToken.None);

        Assert.That(result.StandardOutput, Is.EqualTo("a b|'q'|$HOME|"));
    }

    [Test]
    public async Task RunCheckedAsync_NonZeroExit_NamesStepCommandStderrAndHint()
    {
        var spec = new ProcessSpec("sh", ["-c", "echo boom >&2; exit 3"], TimeSpan.FromSeconds(10), "doing the thing") { Hint = "do this instead" };

        var error = Assert.ThrowsAsync<LabException>(() => _runner.RunCheckedAsync(spec, CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("doing the thing failed (exit code 3): sh -c 'echo boom >&2; exit 3'"));
        Assert.That(error.Message, Does.Contain("boom"));
        Assert.That(error.Message, Does.EndWith("do this instead"));
        await Task.CompletedTask;
    }

    [Test]
    public void RunAsync_Timeout_KillsAndSaysSo()
    {
        var started = DateTime.UtcNow;

        var error = Assert.ThrowsAsync<LabException>(() => _runner.RunAsync(new ProcessSpec("sleep", ["30"], TimeSpan.FromMilliseconds(300), "sleeping"), CancellationToken.None));

        Assert.That(error!.Message, Does.StartWith("sleeping did not finish within 0 s and was killed: sleep 30"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void RunAsync_MissingProgram_NamesItAndTheHint()
    {
        var spec = new ProcessSpec("prov-no-such-program", [], TimeSpan.FromSeconds(5), "running it") { Hint = "apt-get install -y it" };

        var error = Assert.ThrowsAsync<LabException>(() => _runner.RunAsync(spec, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("cannot run 'prov-no-such-program'"));
        Assert.That(error.Message, Does.Contain("apt-get install -y it"));
    }
}
