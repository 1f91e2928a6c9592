using Provisioner.Modules.Abstractions;

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
}
