using System.Text.Json;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>
/// The real thing: the built prov CLI brings up three Debian 12 hosts, they are used over SSH with strict host key
/// checking, one is reset, and after 'down' nothing of the lab is left on this machine. Needs root, docker.io,
/// debootstrap, apt-cacher-ng, zstd and openssh-client; the first run builds the base image (1-4 minutes).
/// </summary>
[TestFixture]
[Category("Lab")]
[NonParallelizable]
public sealed class LabEndToEndTests
{
    // Not the default subnet, so a developer's own lab can stay up while the tests run.
    private const string Subnet = "10.213.79.0/24";
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(7);

    private string _stateDirectory = null!;
    private LabState _state = null!;
    private bool _docker0Before;
    private bool _down;

    [OneTimeSetUp]
    public async Task BringUpThreeHosts()
    {
        if (Environment.GetEnvironmentVariable("PROV_LAB_TESTS") == "skip")
        {
            Assert.Ignore("PROV_LAB_TESTS=skip");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail("the Lab tests need root (they start containers and change iptables); run 'dotnet test' as root, or set PROV_LAB_TESTS=skip");
        }

        // Stable, so the base image tarball is built once and reused by later runs.
        _stateDirectory = Path.Combine(Layout.LayoutParserTests.RepositoryRoot(), ".prov", "lab-test");
        _docker0Before = Directory.Exists("/sys/class/net/docker0");
        await Prov(["lab", "down", "--state-dir", _stateDirectory], TimeSpan.FromMinutes(2));

        var (exitCode, output) = await Prov(["lab", "up", "--hosts", "3", "--subnet", Subnet, "--state-dir", _stateDirectory], UpTimeout);
        TestContext.Progress.WriteLine(output);
        Assert.That(exitCode, Is.Zero, output);
        _state = LoadState();
        Assert.That(_state.Hosts.Select(h => h.Address), Is.EqualTo(new[] { "10.213.79.11", "10.213.79.12", "10.213.79.13" }));
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        if (!_down && _stateDirectory is not null)
        {
            await Prov(["lab", "down", "--state-dir", _stateDirectory], TimeSpan.FromMinutes(2));
        }
    }

    [Test]
    [Order(1)]
    public async Task Ssh_EachHost_AnswersWithItsNameUnderStrictHostKeyChecking()
    {
        foreach (var host in _state.Hosts)
        {
            var (exitCode, output) = await Ssh(host.Address, "hostname");

            Assert.That(exitCode, Is.Zero, output);
            Assert.That(output.Trim(), Is.EqualTo(host.Name));
        }
    }

    [Test]
    [Order(2)]
    public async Task Systemd_EachHost_IsRunningOrDegraded()
    {
        foreach (var host in _state.Hosts)
        {
            // is-system-running exits non-zero for "degraded"; the answer is what counts. Boot may still be finishing.
            var (_, output) = await Ssh(host.Address, "systemctl is-system-running --wait");

            Assert.That(output.Trim(), Is.AnyOf("running", "degraded"), $"{host.Name}: {output}");
        }
    }

    [Test]
    [Order(3)]
    public async Task AptGetUpdate_ThroughTheLabProxy_Succeeds()
    {
        var (exitCode, output) = await Ssh(_state.Hosts[0].Address, "timeout 150 apt-get update", TimeSpan.FromMinutes(3));

        Assert.That(exitCode, Is.Zero, output);
        var proxyLog = Path.Combine(_stateDirectory, "apt-cacher-ng", "log", "apt-cacher.log");
        Assert.That(File.Exists(proxyLog) && File.ReadAllText(proxyLog).Contains("InRelease", StringComparison.Ordinal), Is.True, "apt-cacher-ng logged no InRelease request: the host did not use the proxy");
    }

    [Test]
    [Order(4)]
    public async Task Host_ReachesAnotherByName()
    {
        var other = _state.Hosts[1];

        var (exitCode, output) = await Ssh(_state.Hosts[0].Address, $"getent hosts {other.Name} && timeout 5 bash -c 'head -c 4 </dev/tcp/{other.Name}/22'");

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.StartWith(other.Address + " "));
        Assert.That(output, Does.EndWith("SSH-"));
    }

    [Test]
    [Order(5)]
    public async Task Status_LabUp_AllSshAnswerAndNoAgentYet()
    {
        var (exitCode, output) = await Prov(["lab", "status", "--state-dir", _stateDirectory], TimeSpan.FromMinutes(1));

        Assert.That(exitCode, Is.Zero, output);
        foreach (var host in _state.Hosts)
        {
            Assert.That(output, Does.Match($@"{host.Name}\s+lab\s+{host.Address.Replace(".", @"\.")}\s+running\s+answers\s+no agent"));
        }
    }

    [Test]
    [Order(6)]
    public async Task Up_Again_KeepsHostsAndTheirKeys()
    {
        var knownHosts = await File.ReadAllTextAsync(KnownHostsPath);

        var (exitCode, output) = await Prov(["lab", "up", "--state-dir", _stateDirectory], TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(LoadState().Hosts.Select(h => h.ContainerId), Is.EqualTo(_state.Hosts.Select(h => h.ContainerId)));
        Assert.That(await File.ReadAllTextAsync(KnownHostsPath), Is.EqualTo(knownHosts));
    }

    [Test]
    [Order(7)]
    public async Task Reset_Host_IsBareWithANewHostKeyAndStillReachable()
    {
        var host = _state.Hosts[1];
        Assert.That((await Ssh(host.Address, "touch /root/was-here")).ExitCode, Is.Zero);
        var keysBefore = HostKeyLines(host.Address);

        var (exitCode, output) = await Prov(["lab", "reset", host.Name, "--state-dir", _stateDirectory], TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.Zero, output);
        var keysAfter = HostKeyLines(host.Address);
        Assert.That(keysAfter.Where(l => l.Contains(" ssh-ed25519 ", StringComparison.Ordinal)), Has.Exactly(1).Items);
        Assert.That(keysAfter, Has.None.AnyOf(keysBefore.ToArray()));
        var (sshExit, sshOutput) = await Ssh(host.Address, "test ! -e /root/was-here && hostname");
        Assert.That(sshExit, Is.Zero, sshOutput);
        Assert.That(sshOutput.Trim(), Is.EqualTo(host.Name));
        Assert.That(HostKeyLines(_state.Hosts[0].Address), Is.Not.Empty, "reset must keep the other hosts' keys");
    }

    [Test]
    [Order(8)]
    public async Task Down_AfterHalfFailedUp_RemovesThatLabOnlyAndSparesOthersContainers()
    {
        var second = Path.Combine(Path.GetDirectoryName(_stateDirectory)!, "lab-test-half");
        var names = LabNames.ForStateDirectory(second);
        var foreign = names.Container("host2");
        var (created, createOutput) = await Tool.RunAsync("docker", ["create", "--name", foreign, "--label", "prov.test=foreign", _state.Image!], TimeSpan.FromSeconds(60));
        Assert.That(created, Is.Zero, createOutput);
        try
        {
            var (upExit, upOutput) = await Prov(["lab", "up", "--hosts", "2", "--subnet", "10.213.80.0/24", "--state-dir", second], TimeSpan.FromMinutes(2));
            Assert.That(upExit, Is.EqualTo(1), upOutput);
            Assert.That(upOutput, Does.Contain($"a container named {foreign} exists but is not part of this lab"));
            var (_, before) = await Tool.RunAsync("docker", ["ps", "--all", "--quiet", "--filter", names.LabelFilter], TimeSpan.FromSeconds(30));
            Assert.That(before.Trim(), Is.Not.Empty, "the failed up should have created host1 before failing on host2");

            var (downExit, downOutput) = await Prov(["lab", "down", "--state-dir", second], TimeSpan.FromMinutes(2));

            Assert.That(downExit, Is.Zero, downOutput);
            var (_, left) = await Tool.RunAsync("docker", ["ps", "--all", "--quiet", "--filter", names.LabelFilter], TimeSpan.FromSeconds(30));
            Assert.That(left.Trim(), Is.Empty, "containers of the half-made lab left");
            var (_, networks) = await Tool.RunAsync("docker", ["network", "ls", "--quiet", "--filter", names.LabelFilter], TimeSpan.FromSeconds(30));
            Assert.That(networks.Trim(), Is.Empty, "network of the half-made lab left");
            var (_, rules) = await Tool.RunAsync("iptables", ["-w", "10", "-S"], TimeSpan.FromSeconds(20));
            Assert.That(rules, Does.Not.Contain("prov.lab=" + names.LabId));
            Assert.That(ProcessesMentioning(second), Is.Empty, "apt-cacher-ng of the half-made lab left");
            var (inspect, _) = await Tool.RunAsync("docker", ["container", "inspect", foreign], TimeSpan.FromSeconds(30));
            Assert.That(inspect, Is.Zero, "down removed a container that was not the lab's");
        }
        finally
        {
            await Tool.RunAsync("docker", ["rm", "--force", foreign], TimeSpan.FromSeconds(60));
            if (Directory.Exists(second))
            {
                Directory.Delete(second, recursive: true);
            }
        }
    }

    [Test]
    [Order(9)]
    public async Task Down_RemovesEverythingTheLabMade()
    {
        var state = LoadState();
        var containerIds = state.Hosts.Select(h => h.ContainerId!).ToList();

        var (exitCode, output) = await Prov(["lab", "down", "--state-dir", _stateDirectory], TimeSpan.FromMinutes(2));
        _down = exitCode == 0;

        Assert.That(exitCode, Is.Zero, output);
        var (_, rules) = await Tool.RunAsync("iptables", ["-w", "10", "-S"], TimeSpan.FromSeconds(20));
        Assert.That(rules, Does.Not.Contain("prov.lab=" + state.LabId), "iptables rules left");
        Assert.That(Directory.Exists("/sys/class/net/" + state.BridgeName), Is.False, "bridge left");
        var mounts = await File.ReadAllTextAsync("/proc/self/mounts");
        Assert.That(containerIds.Where(id => mounts.Contains(id, StringComparison.Ordinal)), Is.Empty, "container mounts left");
        Assert.That(mounts, Does.Not.Contain(_stateDirectory), "mounts under the state directory left");
        Assert.That(ProcessesMentioning(_stateDirectory), Is.Empty, "processes of the lab left (apt-cacher-ng, dockerd)");
        Assert.That(File.Exists(state.AptCacher!.SocketPath), Is.False, "apt-cacher-ng socket left");

        if (state.Dockerd is { } dockerd)
        {
            Assert.That(IsAlive(dockerd.Pid), Is.False, "the dockerd the lab started still runs");
            Assert.That(Directory.Exists("/sys/class/net/docker0"), Is.EqualTo(_docker0Before), "docker0 bridge left");
            var dataRoot = "/var/lib/docker/containers";
            Assert.That(containerIds.Where(id => Directory.Exists(Path.Combine(dataRoot, id))), Is.Empty, "containers left on disk");
        }
        else
        {
            var (_, containers) = await Tool.RunAsync("docker", ["ps", "--all", "--quiet", "--filter", "label=prov.lab=" + state.LabId], TimeSpan.FromSeconds(30));
            Assert.That(containers.Trim(), Is.Empty, "containers left");
            var (_, networks) = await Tool.RunAsync("docker", ["network", "ls", "--quiet", "--filter", "label=prov.lab=" + state.LabId], TimeSpan.FromSeconds(30));
            Assert.That(networks.Trim(), Is.Empty, "network left");
        }

        Assert.That(File.Exists(Path.Combine(_stateDirectory, "lab.json")), Is.False);
    }

    private string KnownHostsPath => Path.Combine(_stateDirectory, "known_hosts");

    private List<string> HostKeyLines(string address) =>
        File.ReadAllLines(KnownHostsPath).Where(l => l.Split(' ')[0] == address).ToList();

    private LabState LoadState() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(_stateDirectory, "lab.json")), LabStateJsonContext.Default.LabState)!;

    private Task<(int ExitCode, string Output)> Ssh(string address, string command, TimeSpan? timeout = null) =>
        Tool.RunAsync(
            "ssh",
            [
                "-i", Path.Combine(_stateDirectory, "id_ed25519"),
                "-o", "UserKnownHostsFile=" + KnownHostsPath,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes",
                "-o", "ConnectTimeout=10",
                "root@" + address,
                command,
            ],
            timeout ?? TimeSpan.FromSeconds(60));

    private static Task<(int ExitCode, string Output)> Prov(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        Tool.RunAsync(Path.Combine(AppContext.BaseDirectory, "prov"), arguments, timeout);

    private static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(')').Last().TrimStart()[0] != 'Z';
    }

    private static List<string> ProcessesMentioning(string text)
    {
        var found = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(text, StringComparison.Ordinal) && IsAlive(int.Parse(Path.GetFileName(directory), System.Globalization.CultureInfo.InvariantCulture)))
                {
                    found.Add($"{Path.GetFileName(directory)}: {commandLine}");
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }
}
