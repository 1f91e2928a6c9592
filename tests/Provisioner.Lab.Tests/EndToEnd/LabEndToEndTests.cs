using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>
/// The real thing: the built prov CLI brings up ten Debian 12 hosts (<see cref="SharedLab"/>, shared with the other
/// Lab fixtures), they are used over SSH with strict host key checking, one is reset, and after 'down' nothing of the
/// lab is left on this machine (checked by <see cref="LabTierSetUp"/> when the run ends). Needs root, docker.io,
/// debootstrap, apt-cacher-ng, zstd and openssh-client; the first run builds the base image (1-4 minutes).
/// </summary>
[TestFixture]
[Category("Lab")]
[NonParallelizable]
public sealed class LabEndToEndTests
{
    private SharedLab _lab = null!;
    private LabState _state = null!;

    [OneTimeSetUp]
    public async Task UseTheSharedLab()
    {
        _lab = await SharedLab.GetAsync();
        // As now: other fixtures may have reset hosts (new containers) since the lab came up.
        _state = SharedLab.LoadState();
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
        var proxyLog = Path.Combine(SharedLab.StateDirectory, "apt-cacher-ng", "log", "apt-cacher.log");
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
        var (exitCode, output) = await Prov(["lab", "status", "--state-dir", SharedLab.StateDirectory], TimeSpan.FromMinutes(1));

        Assert.That(exitCode, Is.Zero, output);
        foreach (var host in _state.Hosts)
        {
            Assert.That(output, Does.Match($@"{host.Name}\s+{host.Group}\s+{host.Address.Replace(".", @"\.")}\s+running\s+answers\s+no agent"));
        }
    }

    [Test]
    [Order(6)]
    public async Task Up_Again_KeepsHostsAndTheirKeys()
    {
        var knownHosts = await File.ReadAllTextAsync(KnownHostsPath);

        var (exitCode, output) = await Prov(["lab", "up", "--state-dir", SharedLab.StateDirectory], TimeSpan.FromMinutes(2));

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

        var (exitCode, output) = await Prov(["lab", "reset", host.Name, "--state-dir", SharedLab.StateDirectory], TimeSpan.FromMinutes(2));

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
        var second = Path.Combine(Path.GetDirectoryName(SharedLab.StateDirectory)!, "lab-test-half");
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
            Assert.That(HostProcesses.Mentioning(second), Is.Empty, "apt-cacher-ng of the half-made lab left");
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

    private static string KnownHostsPath => SharedLab.KnownHostsPath;

    private static List<string> HostKeyLines(string address) =>
        File.ReadAllLines(KnownHostsPath).Where(l => l.Split(' ')[0] == address).ToList();

    private static LabState LoadState() => SharedLab.LoadState();

    private static Task<(int ExitCode, string Output)> Ssh(string address, string command, TimeSpan? timeout = null) => SharedLab.Ssh(address, command, timeout);

    private static Task<(int ExitCode, string Output)> Prov(IReadOnlyList<string> arguments, TimeSpan timeout) => SharedLab.Prov(arguments, timeout);
}
