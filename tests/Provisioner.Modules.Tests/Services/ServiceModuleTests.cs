using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Running;
using Provisioner.Modules.Services;

namespace Provisioner.Modules.Tests.Services;

/// <summary>The service module driven by the real engine loop against a model of systemctl and of sysvinit's tools.</summary>
public class ServiceModuleTests
{
    private const string ShowNginx = "systemctl show --property=Id,LoadState,ActiveState,SubState,UnitFileState,NeedDaemonReload,DropInPaths nginx";

    [Test]
    public async Task Run_StartedAndEnabled_EnablesThenStartsAndSecondRunIsOk()
    {
        var init = new FakeInitSystem { Units = { ["nginx.service"] = new FakeUnit() } };
        var runner = Runner(init);

        var predicted = await Run(runner, Args.Of(("name", "nginx"), ("state", "started"), ("enabled", true)), check: true);
        var first = await Run(runner, Args.Of(("name", "nginx"), ("state", "started"), ("enabled", true)));
        var second = await Run(runner, Args.Of(("name", "nginx"), ("state", "started"), ("enabled", true)));

        Assert.That((predicted.Changed, first.Changed, first.Failed, second.Changed), Is.EqualTo((true, true, false, false)), first.Message);
        Assert.That(first.Diff, Is.EqualTo(predicted.Diff));
        Assert.That(CaseFile.Lines(first.Diff), Is.EqualTo(new[] { "enabled: false → true", "state: inactive → active" }));
        Assert.That(init.Changes, Is.EqualTo(new[] { "systemctl enable nginx", "systemctl start nginx" }), "check mode and the second run change nothing");
        Assert.That(second.Returns["state"], Is.EqualTo("active"));
        Assert.That(second.Returns["enabled"], Is.EqualTo(true));
        Assert.That(init.Commands[0], Is.EqualTo(ShowNginx));
    }

    [Test]
    public async Task Run_Restarted_ChangesEveryTimeAndCheckModePredictsIt()
    {
        var init = new FakeInitSystem { Units = { ["nginx.service"] = new FakeUnit { Active = "active", FileState = "enabled" } } };
        var runner = Runner(init);

        var predicted = await Run(runner, Args.Of(("name", "nginx"), ("state", "restarted")), check: true);
        var first = await Run(runner, Args.Of(("name", "nginx"), ("state", "restarted")));
        var second = await Run(runner, Args.Of(("name", "nginx"), ("state", "restarted")));

        Assert.That((predicted.Changed, first.Changed, second.Changed, first.Failed), Is.EqualTo((true, true, true, false)), first.Message);
        Assert.That(CaseFile.Lines(predicted.Diff), Is.EqualTo(new[] { "state: active → restarted" }));
        Assert.That(init.Units["nginx.service"].Starts, Is.EqualTo(2), "check mode restarted nothing");
    }

    [Test]
    public async Task Run_ReloadedWhileRunning_Reloads()
    {
        var init = new FakeInitSystem { Units = { ["nginx.service"] = new FakeUnit { Active = "active", FileState = "enabled" } } };

        var outcome = await Run(Runner(init), Args.Of(("name", "nginx"), ("state", "reloaded")));

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((true, false)), outcome.Message);
        Assert.That(init.Changes, Is.EqualTo(new[] { "systemctl reload nginx" }));
    }

    [Test]
    public async Task Run_RestartedUnitThatCrashes_FailsWithSystemdsMessage()
    {
        var init = new FakeInitSystem { Units = { ["nginx.service"] = new FakeUnit { Active = "active", CrashesOnStart = true } } };

        var outcome = await Run(Runner(init), Args.Of(("name", "nginx"), ("state", "restarted")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("`systemctl restart -- nginx` failed (exit 1): Job for nginx.service failed").And.Contain("journalctl -xeu nginx"));
    }

    [Test]
    public async Task Run_UnknownUnit_FailsSayingSo()
    {
        var init = new FakeInitSystem();

        var outcome = await Run(Runner(init), Args.Of(("name", "nginxx"), ("state", "started")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.StartWith("service nginxx: no such unit on this host"));
        Assert.That(init.Changes, Is.Empty);
    }

    [Test]
    public async Task Run_NewUnitFileWithDaemonReload_ReloadsEnablesStartsThenIsOk()
    {
        var init = new FakeInitSystem { Units = { ["shop.service"] = new FakeUnit { OnDiskOnly = true } } };
        var args = Args.Of(("name", "shop"), ("state", "started"), ("enabled", true), ("daemon_reload", true));

        var first = await Run(Runner(init), args);
        var second = await Run(Runner(init), args);

        Assert.That((first.Changed, first.Failed, second.Changed), Is.EqualTo((true, false, false)), first.Message);
        Assert.That(init.Changes, Is.EqualTo(new[] { "systemctl daemon-reload", "systemctl enable shop", "systemctl start shop" }));
    }

    [Test]
    public async Task Run_NewDropInThatSystemdDoesNotFlag_DaemonReloadsBeforeTheRestart()
    {
        // systemd 252 reports NeedDaemonReload=no for a drop-in in a UNIT.d directory made after its last reload.
        var dropIn = "/etc/systemd/system/shop.service.d/prov.conf";
        var init = new FakeInitSystem { Units = { ["shop.service"] = new FakeUnit { Active = "active", FileState = "enabled", DropInsOnDisk = [dropIn] } } };

        var restart = await Run(Runner(init), Args.Of(("name", "shop"), ("state", "restarted"), ("daemon_reload", true)));
        var started = await Run(Runner(init), Args.Of(("name", "shop"), ("state", "started"), ("daemon_reload", true)));

        Assert.That((restart.Changed, restart.Failed), Is.EqualTo((true, false)), restart.Message);
        Assert.That(started.Changed, Is.False, "the drop-ins systemd loaded are those on disk now");
        Assert.That(init.Changes, Is.EqualTo(new[] { "systemctl daemon-reload", "systemctl restart shop" }));
        Assert.That(init.Units["shop.service"].DropInsLoaded, Is.EqualTo(new[] { dropIn }));
    }

    [Test]
    public async Task Run_MaskStopped_StopsBeforeMasking()
    {
        var init = new FakeInitSystem { Units = { ["apache2.service"] = new FakeUnit { Active = "active", FileState = "enabled" } } };

        var outcome = await Run(Runner(init), Args.Of(("name", "apache2"), ("state", "stopped"), ("masked", true)));

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((true, false)), outcome.Message);
        Assert.That(init.Changes, Is.EqualTo(new[] { "systemctl stop apache2", "systemctl mask apache2" }));
    }

    [Test]
    public async Task Run_SystemdAlias_AnswersToTheSameModule()
    {
        var init = new FakeInitSystem { Units = { ["nginx.service"] = new FakeUnit { Active = "active" } } };
        var catalog = new ModuleCatalog(init, init, TimeProvider.System);

        var outcome = await catalog.FindRunner("systemd")!.RunAsync(new ModuleArgs(ServiceModule.Schema, Args.Of(("name", "nginx"), ("state", "stopped")), new NoResources()), false, CancellationToken.None);

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((true, false)), outcome.Message);
        Assert.That(catalog.IsImplemented("service"), Is.True);
    }

    [Test]
    public async Task Run_SysVInit_UsesServiceAndUpdateRcD()
    {
        var init = new FakeInitSystem { Systemd = false, Units = { ["nginx.service"] = new FakeUnit() } };
        var args = Args.Of(("name", "nginx"), ("state", "started"), ("enabled", true));

        var first = await Run(Runner(init), args);
        var second = await Run(Runner(init), args);

        Assert.That((first.Changed, first.Failed, second.Changed), Is.EqualTo((true, false, false)), first.Message);
        Assert.That(init.Changes, Is.EqualTo(new[] { "update-rc.d nginx defaults", "update-rc.d nginx enable", "service nginx start" }));
    }

    [Test]
    public async Task Run_SysVInitMasked_FailsSayingItNeedsSystemd()
    {
        var init = new FakeInitSystem { Systemd = false, Units = { ["nginx.service"] = new FakeUnit() } };

        var outcome = await Run(Runner(init), Args.Of(("name", "nginx"), ("masked", true)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("masking needs systemd, and this host runs sysvinit"));
    }

    private static IModuleRunner Runner(FakeInitSystem init) => ModuleRunners.State(new ServiceModule(init, init));

    private static Task<ModuleOutcome> Run(IModuleRunner runner, IReadOnlyDictionary<string, object?> args, bool check = false) =>
        runner.RunAsync(new ModuleArgs(runner.Schema, args, new NoResources()), check, CancellationToken.None);
}
