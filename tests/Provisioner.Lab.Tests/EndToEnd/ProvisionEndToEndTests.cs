using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>
/// The whole data path on real hosts: a CA made here, <c>prov bootstrap</c> of three bare lab hosts (lb1 lb2 app1) at once over
/// SSH (install, enrol, systemd unit, mTLS answer), then <c>prov apply</c> of a playbook (apt, file, template with a
/// handler, lineinfile, command, service, Docker Engine and a container) through the agents, checked from outside with HTTP requests and SSH; a
/// second apply changes nothing, check mode reports drift without repairing it, the next apply repairs only that
/// host, and after <c>--uninstall</c> (which revokes the certificates) the hosts are unreachable and bare again.
/// </summary>
[TestFixture]
[Category("Lab")]
[NonParallelizable]
public sealed partial class ProvisionEndToEndTests
{
    private const int SitePort = 8080;
    private const int ContainerPort = 8081;
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(6);
    private List<LabHostRecord> _hosts = null!;
    private string _agent = null!;
    private string _scratch = null!;
    private bool _bootstrapped;

    private string StateDirectory => Path.Combine(_scratch, "state");

    private string Limit => string.Join(',', _hosts.Select(h => h.Name));

    private static string Playbook => Path.Combine(AppContext.BaseDirectory, "cases", "provision", "site.yml");

    private static string Inventory => Path.Combine(SharedLab.StateDirectory, "inventory.yml");

    [OneTimeSetUp]
    public async Task BringUpTheLabAndCa()
    {
        await SharedLab.GetAsync();
        _agent = await SharedLab.AgentAsync();
        var names = SharedLab.HostNames.Take(3).ToList();
        await SharedLab.ClaimBareAsync(nameof(ProvisionEndToEndTests), names);
        _hosts = SharedLab.LoadState().Hosts.Where(h => names.Contains(h.Name)).ToList();
        _scratch = Directory.CreateTempSubdirectory("prov-lab-provision-").FullName;
        var (exitCode, output) = await SharedLab.Prov(["ca", "init", "--state-dir", StateDirectory], TimeSpan.FromMinutes(1));
        Assert.That(exitCode, Is.Zero, output);
    }

    [OneTimeTearDown]
    public async Task UninstallAndClean()
    {
        if (_bootstrapped)
        {
            // Other Lab fixtures expect hosts without an agent; a failed test must not leave one behind.
            await SharedLab.Prov(["bootstrap", "-i", Inventory, "-l", Limit, "--state-dir", StateDirectory, "--agent-binary", _agent, "--uninstall", "-f", "3"], TimeSpan.FromMinutes(3));
        }

        Directory.Delete(_scratch, recursive: true);
    }

    [Test]
    [Order(1)]
    public async Task Bootstrap_ThreeBareHostsAtOnce_AgentsAnswerOverMtls()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output) = await Bootstrap();
        TestContext.Progress.WriteLine($"bootstrap of {_hosts.Count} hosts at once: {clock.Elapsed.TotalSeconds:0.0} s\n{output}");
        _bootstrapped = true;

        Assert.That(exitCode, Is.Zero, output);
        foreach (var host in _hosts)
        {
            Assert.That(output, Does.Match($@"{host.Name}: changed"), host.Name);
            var (_, active) = await SharedLab.Ssh(host.Address, "systemctl is-active prov-agent; systemctl is-enabled prov-agent");
            Assert.That(active.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "active", "enabled" }), host.Name);
        }

        Assert.That(Regex.Count(output, "GetCapabilities over mTLS at "), Is.EqualTo(_hosts.Count), output);
    }

    [Test]
    [Order(2)]
    public async Task Bootstrap_Again_ChangesNothing()
    {
        var (exitCode, output) = await Bootstrap();

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain($"bootstrap: ok={_hosts.Count} changed=0 failed=0"));
        Assert.That(output, Does.Not.Match(@"\w+: changed"));
    }

    [Test]
    [Order(3)]
    public async Task Apply_BareHosts_ConvergeAndServeTheirOwnPage()
    {
        var (exitCode, output) = await Apply();

        Assert.That(exitCode, Is.Zero, output);
        foreach (var host in _hosts)
        {
            Assert.That(output, Does.Match($@"{host.Name}\s+: ok=\d+\s+changed=[1-9]\d*\s+unreachable=0\s+failed=0"), host.Name);
            Assert.That(output, Does.Contain($"changed: [{host.Name}]"));
            Assert.That(await Get(host), Is.EqualTo($"served by {host.Name} ({host.Name})\n"), host.Name);
            var (_, marker) = await SharedLab.Ssh(host.Address, "grep ^PROV_E2E= /etc/environment");
            Assert.That(marker.Trim(), Is.EqualTo($"PROV_E2E={host.Name}"));
            Assert.That(await Get(host, ContainerPort), Is.EqualTo($"container on {host.Name}\n"), $"{host.Name}: the container answers");
            var (_, enabled) = await SharedLab.Ssh(host.Address, "systemctl is-enabled nginx docker; docker inspect -f '{{.HostConfig.RestartPolicy.Name}}' prov-e2e-web");
            Assert.That(enabled.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "enabled", "enabled", "unless-stopped" }), host.Name);
        }

        Assert.That(output, Does.Contain("RUNNING HANDLER [reload nginx]"), "the changed site config notifies its handler");
    }

    [Test]
    [Order(4)]
    public async Task Apply_Again_ReportsNoChangeOnAnyHost()
    {
        var (exitCode, output) = await Apply();

        Assert.That(exitCode, Is.Zero, output);
        foreach (var host in _hosts)
        {
            Assert.That(output, Does.Match($@"{host.Name}\s+: ok=\d+\s+changed=0\s+unreachable=0\s+failed=0"), host.Name);
        }

        Assert.That(output, Does.Not.Contain("changed: ["));
    }

    [Test]
    [Order(5)]
    public async Task Apply_CheckModeAfterDrift_ReportsItAndChangesNothingThenApplyRepairsOnlyThatHost()
    {
        var drifted = _hosts[0];
        var page = "/srv/prov-e2e/index.html";
        var (tampered, tamperOutput) = await SharedLab.Ssh(drifted.Address, $"echo defaced > {page}");
        Assert.That(tampered, Is.Zero, tamperOutput);

        var (checkExit, check) = await Apply("--check", "--diff");
        var afterCheck = await Get(drifted);
        var (repairExit, repair) = await Apply();

        Assert.That(checkExit, Is.Zero, check);
        Assert.That(check, Does.Match($@"{drifted.Name}\s+: ok=\d+\s+changed=1\s+unreachable=0\s+failed=0"));
        Assert.That(check, Does.Contain("-defaced").And.Contain($"+served by {drifted.Name}"), "the diff shows the drift");
        Assert.That(afterCheck, Is.EqualTo("defaced\n"), "check mode changed the host");
        Assert.That(repairExit, Is.Zero, repair);
        Assert.That(await Get(drifted), Is.EqualTo($"served by {drifted.Name} ({drifted.Name})\n"));
        foreach (var host in _hosts)
        {
            var changed = host == drifted ? 1 : 0;
            Assert.That(repair, Does.Match($@"{host.Name}\s+: ok=\d+\s+changed={changed}\s+unreachable=0\s+failed=0"), host.Name);
        }
    }

    [Test]
    [Order(6)]
    public async Task Apply_JsonStream_OneRecapPerHostAgreeingWithHistory()
    {
        var (exitCode, output) = await Apply("-o", "json");

        Assert.That(exitCode, Is.Zero, output);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.That(types, Does.Contain("task_result"));
        var failed = events.Where(e => e.GetProperty("type").GetString() == "task_result" && e.GetProperty("status").GetString() == "failed");
        Assert.That(failed, Is.Empty);
        var hosts = events.Where(e => e.GetProperty("type").GetString() == "task_result").Select(e => e.GetProperty("host").GetString()).Distinct().Order();
        Assert.That(hosts, Is.EqualTo(_hosts.Select(h => h.Name).Order()));

        var (runsExit, runs) = await SharedLab.Prov(["runs", "--state-dir", StateDirectory], TimeSpan.FromMinutes(1));
        Assert.That(runsExit, Is.Zero, runs);
        Assert.That(runs.Split('\n').Count(l => l.Contains("site.yml", StringComparison.Ordinal)), Is.EqualTo(5), runs);
    }

    [Test]
    [Order(7)]
    public async Task Uninstall_RevokesAndRemoves_NextApplyIsUnreachable()
    {
        var (exitCode, output) = await SharedLab.Prov(
            ["bootstrap", "-i", Inventory, "-l", Limit, "--state-dir", StateDirectory, "--agent-binary", _agent, "--uninstall", "-f", "3"], TimeSpan.FromMinutes(3));
        _bootstrapped = exitCode != 0;
        var (applyExit, apply) = await Apply();
        var (_, list) = await SharedLab.Prov(["ca", "list", "--state-dir", StateDirectory], TimeSpan.FromMinutes(1));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(applyExit, Is.EqualTo(3), apply);
        foreach (var host in _hosts)
        {
            Assert.That(apply, Does.Contain($"unreachable: [{host.Name}]"), host.Name);
            var (_, left) = await SharedLab.Ssh(host.Address, "ls /usr/local/bin/prov-agent /etc/prov /etc/systemd/system/prov-agent.service 2>&1; systemctl is-active prov-agent");
            Assert.That(left, Does.Not.Contain("/usr/local/bin/prov-agent\n").And.Contain("inactive"), host.Name);
            Assert.That(list, Does.Match($@"{host.Name}.*revoked"), host.Name);
        }
    }

    private Task<(int ExitCode, string Output)> Bootstrap() =>
        SharedLab.Prov(["bootstrap", "-i", Inventory, "-l", Limit, "--state-dir", StateDirectory, "--agent-binary", _agent, "-f", "3"], TimeSpan.FromMinutes(5));

    private Task<(int ExitCode, string Output)> Apply(params string[] options) =>
        SharedLab.Prov(["apply", Playbook, "-i", Inventory, "-l", Limit, "--state-dir", StateDirectory, .. options], ApplyTimeout);

    private static async Task<string> Get(LabHostRecord host, int port = SitePort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return await http.GetStringAsync(new Uri($"http://{host.Address}:{port}/"));
    }
}
