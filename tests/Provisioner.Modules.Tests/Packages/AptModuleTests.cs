using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Packages;

/// <summary>
/// Installs and removes Debian's tiny `hello` package on this machine for real (Debian's mirrors are reachable here),
/// and leaves it removed.
/// </summary>
[NonParallelizable]
[Category("Apt")]
public class AptModuleTests
{
    private Scratch _scratch = null!;
    private IModuleRunner _apt = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _apt = TestCatalog.Real().FindRunner("package")!;
    }

    [TearDown]
    public void TearDown()
    {
        ScratchAccounts.Exec("apt-get", "purge", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", "hello");
        _scratch.Dispose();
    }

    [Test]
    public async Task Hello_InstalledThenPurged_EachConverges()
    {
        ScratchAccounts.Exec("apt-get", "purge", "-y", "-q", "-o", "DPkg::Lock::Timeout=600", "hello");

        var installed = await Converge.TwiceAsync(_apt, Args.Of(("name", "hello")), _scratch);
        Assert.That(ScratchAccounts.Exec("/usr/bin/hello").Output.Trim(), Is.EqualTo("Hello, world!"));
        Assert.That(CaseFile.Lines(installed.Diff), Is.EqualTo(new[] { "hello: absent → present" }));
        Assert.That(installed.Returns["packages"], Is.EqualTo(new Dictionary<string, object?> { ["hello"] = ScratchAccounts.Exec("dpkg-query", "-W", "-f=${Version}", "hello").Output }));

        var latest = await Converge.OnceAsync(_apt, Args.Of(("name", "hello"), ("state", "latest")));
        Assert.That((latest.Changed, latest.Failed), Is.EqualTo((false, false)), "the installed hello is the candidate");

        await Converge.TwiceAsync(_apt, Args.Of(("name", "hello"), ("state", "absent"), ("purge", true)), _scratch);
        Assert.That(File.Exists("/usr/bin/hello"), Is.False);
    }

    [Test]
    public async Task UpdateCache_ThenWithinValidTime_RefreshesOnce()
    {
        var refresh = await Converge.OnceAsync(_apt, Args.Of(("update_cache", true)));
        var again = await Converge.OnceAsync(_apt, Args.Of(("update_cache", true), ("cache_valid_time", 3600L)));

        Assert.That((refresh.Changed, refresh.Failed), Is.EqualTo((true, false)), refresh.Message);
        Assert.That(again.Changed, Is.False);
        Assert.That(refresh.Returns["cache_update_time"], Is.Not.Null);
    }

    [Test]
    public async Task UnknownPackage_FailsWithAptsError()
    {
        var outcome = await Converge.OnceAsync(_apt, Args.Of(("name", "no-such-package-xyz")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("Unable to locate package no-such-package-xyz"));
    }
    [Test]
    public async Task UpdateCache_FirstUpdateHangs_KilledAndTriedAgain()
    {
        var hanging = new HangingUpdates(hangs: 1);
        var apt = WithProcesses(hanging);

        var outcome = await Converge.OnceAsync(apt, Args.Of(("update_cache", true), ("update_cache_timeout", 1L), ("update_cache_retries", 1L)));

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((true, false)), outcome.Message);
        Assert.That(hanging.Updates, Is.EqualTo(new[] { "timed out", "exit 0" }));
    }

    [Test]
    public async Task UpdateCache_EveryUpdateHangs_FailsSayingItWasKilled()
    {
        var hanging = new HangingUpdates(hangs: int.MaxValue);
        var apt = WithProcesses(hanging);

        var outcome = await Converge.OnceAsync(apt, Args.Of(("update_cache", true), ("update_cache_timeout", 1L), ("update_cache_retries", 1L)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("apt-get update").And.Contain("was killed after 1 s (update_cache_timeout) (tried 2 times)"));
        Assert.That(hanging.Updates, Is.EqualTo(new[] { "timed out", "timed out" }));
    }

    [Test]
    public async Task UpdateCache_ZeroTimeout_IsRefusedBeforeAnythingRuns()
    {
        var outcome = await Converge.OnceAsync(TestCatalog.Create().FindRunner("apt")!, Args.Of(("update_cache", true), ("update_cache_timeout", 0L)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("update_cache_timeout").And.Contain("at least 1"));
    }

    private static IModuleRunner WithProcesses(IProcessRunner processes) =>
        new ModuleCatalog(new LocalFileSystem(processes), processes, TimeProvider.System).FindRunner("apt")!;

    /// <summary>
    /// The real programs, except that the first <c>hangs</c> runs of <c>apt-get update</c> are a program that never ends
    /// (killed by the module's timeout); a real update runs without the test's one-second limit.
    /// </summary>
    private sealed class HangingUpdates(int hangs) : IProcessRunner
    {
        private readonly ProcessRunner _real = new(TimeProvider.System);

        public List<string> Updates { get; } = [];

        public async Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct)
        {
            var update = request.Argv is ["apt-get", "update", ..];
            var hang = update && Updates.Count < hangs;
            var result = await _real.RunAsync(hang ? request with { Argv = ["sleep", "60"] } : update ? request with { Timeout = null } : request, ct);
            if (update)
            {
                Updates.Add(result.TimedOut ? "timed out" : $"exit {result.ExitCode}");
            }

            return result;
        }
    }
}
