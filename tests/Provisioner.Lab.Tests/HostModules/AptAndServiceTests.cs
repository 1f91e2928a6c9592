using System.Text.Json.Nodes;
using Provisioner.Lab.Tests.EndToEnd;

namespace Provisioner.Lab.Tests.HostModules;

/// <summary>
/// apt and service run by prov-agent on a real Debian 12 host (the lab's first, lb1): packages come through the lab's apt proxy,
/// nginx is driven by systemd, and every effect is checked from the outside (dpkg-query, systemctl).
/// </summary>
[TestFixture]
[Category("Lab")]
[Parallelizable(ParallelScope.Self)]
public sealed class AptAndServiceTests
{
    private LabHost _host = null!;

    [OneTimeSetUp]
    public async Task InstallTheAgentOnTheFirstHost()
    {
        var lab = await SharedLab.GetAsync();
        _host = new LabHost(lab.State.Hosts[0]);
        await SharedLab.ClaimBareAsync(nameof(AptAndServiceTests), _host.Name);
        await _host.InstallAgentAsync();
    }

    [Test]
    [Order(1)]
    public async Task Apt_InstallThroughTheProxy_ChangesOnceThenNoChange()
    {
        var plan = Apt("install", new JsonObject { ["name"] = new JsonArray("nginx-light", "tree"), ["update_cache"] = true, ["cache_valid_time"] = 3600 });

        var first = await _host.RunAsync(plan, timeout: TimeSpan.FromMinutes(8));
        var second = await _host.RunAsync(plan);

        Assert.That((first.ExitCode, first["install"].Status), Is.EqualTo((0, "changed")), first.Output);
        Assert.That(await Installed("tree"), Is.True);
        Assert.That(await Installed("nginx-light"), Is.True);
        Assert.That((second.ExitCode, second["install"].Status, second["install"].Diff), Is.EqualTo((0, "ok", Array.Empty<string>())), second.Output);
        var proxyLog = Path.Combine(SharedLab.StateDirectory, "apt-cacher-ng", "log", "apt-cacher.log");
        Assert.That(File.ReadAllText(proxyLog), Does.Contain("/tree_"), "the package did not come through the lab's apt-cacher-ng");
    }

    [Test]
    [Order(2)]
    public async Task Apt_Absent_CheckModePredictsThenRemoves()
    {
        var plan = Apt("remove", new JsonObject { ["name"] = "tree", ["state"] = "absent" });

        var predicted = await _host.RunAsync(plan, check: true);
        var stillInstalled = await Installed("tree");
        var removed = await _host.RunAsync(plan);
        var again = await _host.RunAsync(plan);

        Assert.That(predicted["remove"].Status, Is.EqualTo("changed"), predicted.Output);
        Assert.That(stillInstalled, Is.True, "check mode removed the package");
        Assert.That((removed.ExitCode, removed["remove"].Status), Is.EqualTo((0, "changed")), removed.Output);
        Assert.That(removed["remove"].Diff, Is.EqualTo(predicted["remove"].Diff), "check mode predicted another change");
        Assert.That(await Installed("tree"), Is.False);
        Assert.That(again["remove"].Status, Is.EqualTo("ok"), again.Output);
    }

    [Test]
    [Order(3)]
    public async Task Service_StartedAndEnabled_FromStoppedAndDisabled_ChangesOnceThenNoChange()
    {
        await _host.MustAsync("systemctl disable --now nginx");
        var plan = Service("nginx up", new JsonObject { ["name"] = "nginx", ["state"] = "started", ["enabled"] = true });

        var first = await _host.RunAsync(plan);
        var second = await _host.RunAsync(plan);

        Assert.That((first.ExitCode, first["nginx up"].Status), Is.EqualTo((0, "changed")), first.Output);
        Assert.That(first["nginx up"].Diff, Is.EqualTo(new[] { "enabled: false → true", "state: inactive → active" }));
        Assert.That(await _host.MustAsync("systemctl is-active nginx"), Is.EqualTo("active"));
        Assert.That(await _host.MustAsync("systemctl is-enabled nginx"), Is.EqualTo("enabled"));
        Assert.That((second.ExitCode, second["nginx up"].Status), Is.EqualTo((0, "ok")), second.Output);
    }

    [Test]
    [Order(4)]
    public async Task Service_Stopped_CheckModePredictsThenStops()
    {
        var plan = Service("nginx down", new JsonObject { ["name"] = "nginx", ["state"] = "stopped" });

        var predicted = await _host.RunAsync(plan, check: true);
        var stillActive = await IsActive();
        var stopped = await _host.RunAsync(plan);
        var again = await _host.RunAsync(plan);

        Assert.That((predicted["nginx down"].Status, stillActive), Is.EqualTo(("changed", "active")), predicted.Output);
        Assert.That(stopped["nginx down"].Status, Is.EqualTo("changed"), stopped.Output);
        Assert.That(stopped["nginx down"].Diff, Is.EqualTo(new[] { "state: active → inactive" }).And.EqualTo(predicted["nginx down"].Diff));
        Assert.That(await IsActive(), Is.EqualTo("inactive"));
        Assert.That(again["nginx down"].Status, Is.EqualTo("ok"), again.Output);
    }

    [Test]
    [Order(5)]
    public async Task Service_Restarted_ChangesEveryTimeAndCheckModeRestartsNothing()
    {
        var plan = Service("nginx restart", new JsonObject { ["name"] = "nginx", ["state"] = "restarted" });

        var first = await _host.RunAsync(plan);
        var pid = await MainPid();
        var predicted = await _host.RunAsync(plan, check: true);
        var pidAfterCheck = await MainPid();
        var second = await _host.RunAsync(plan);

        Assert.That((first.ExitCode, first["nginx restart"].Status), Is.EqualTo((0, "changed")), first.Output);
        Assert.That(first["nginx restart"].Diff, Is.EqualTo(new[] { "state: inactive → restarted" }), "a stopped service is started");
        Assert.That(pid, Is.Not.EqualTo("0"));
        Assert.That((predicted["nginx restart"].Status, pidAfterCheck), Is.EqualTo(("changed", pid)), predicted.Output);
        Assert.That((second.ExitCode, second["nginx restart"].Status), Is.EqualTo((0, "changed")), second.Output);
        Assert.That(second["nginx restart"].Diff, Is.EqualTo(new[] { "state: active → restarted" }));
        Assert.That(await MainPid(), Is.Not.EqualTo(pid), "nginx was not restarted");
        Assert.That(await IsActive(), Is.EqualTo("active"));
    }

    [Test]
    [Order(6)]
    public async Task Service_UnknownUnit_FailsSayingSo()
    {
        var run = await _host.RunAsync(Service("typo", new JsonObject { ["name"] = "nginxx", ["state"] = "started" }));

        Assert.That((run.ExitCode, run.Status, run["typo"].Status), Is.EqualTo((2, "failed", "failed")), run.Output);
        Assert.That(run["typo"].Message, Does.StartWith("service nginxx: no such unit on this host"));
    }

    [Test]
    [Order(7)]
    public async Task Service_DropInInANewDirectory_DaemonReloadedBeforeTheRestartSoItApplies()
    {
        // systemd 252 reports NeedDaemonReload=no for a drop-in in a UNIT.d directory made after its last reload.
        await _host.MustAsync("rm -rf /etc/systemd/system/nginx.service.d && systemctl daemon-reload && mkdir /etc/systemd/system/nginx.service.d && " +
            "printf '[Service]\\nEnvironment=PROV_DROPIN=1\\n' > /etc/systemd/system/nginx.service.d/prov-test.conf");
        var plan = Service("nginx restart", new JsonObject { ["name"] = "nginx", ["state"] = "restarted", ["daemon_reload"] = true });
        try
        {
            var loadedBefore = await _host.MustAsync("systemctl show -p Environment --value nginx");

            var run = await _host.RunAsync(plan);

            Assert.That(loadedBefore, Does.Not.Contain("PROV_DROPIN=1"), "systemd read the drop-in before the task");
            Assert.That((run.ExitCode, run["nginx restart"].Status), Is.EqualTo((0, "changed")), run.Output);
            Assert.That(run["nginx restart"].Diff, Does.Contain("daemon_reload: unit files changed on disk → reloaded"));
            Assert.That(await _host.MustAsync("systemctl show -p Environment --value nginx"), Does.Contain("PROV_DROPIN=1"), "the unit nginx was restarted with has the drop-in");
        }
        finally
        {
            await _host.MustAsync("rm -rf /etc/systemd/system/nginx.service.d && systemctl daemon-reload");
        }
    }

    private Plan Apt(string name, JsonObject args) => new Plan(_host.Name, "apt").Task(name, "apt", args);

    private Plan Service(string name, JsonObject args) => new Plan(_host.Name, "service").Task(name, "service", args);

    private async Task<bool> Installed(string package) =>
        (await _host.Ssh($"dpkg-query -W -f='${{Status}}' {package}")).Output.Trim() == "install ok installed";

    private async Task<string> IsActive() => (await _host.Ssh("systemctl is-active nginx")).Output.Trim();

    private Task<string> MainPid() => _host.MustAsync("systemctl show -p MainPID --value nginx");
}
