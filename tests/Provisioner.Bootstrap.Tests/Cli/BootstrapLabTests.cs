using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Cli;

/// <summary>
/// <c>prov bootstrap</c> on a real Debian 12 host with systemd as PID 1 and the real paths (/usr/local/bin, /etc/prov,
/// a systemd unit): a lab brought up beforehand with <c>prov lab up --state-dir DIR</c>, named by
/// <c>PROV_BOOTSTRAP_LAB=DIR</c>. Ignored without it: starting a second lab (and dockerd) here would fight with the
/// Lab tier's own. The lab's first host ends uninstalled, as it started; the become test adds two users to it (one
/// with passwordless sudo, one without) and installs sudo there.
/// </summary>
[TestFixture]
[Category("Lab")]
[NonParallelizable]
public sealed class BootstrapLabTests
{
    private string _lab = null!;
    private string _agent = null!;
    private string _caDirectory = null!;
    private string _scratch = null!;

    [OneTimeSetUp]
    public async Task FindLab()
    {
        var lab = Environment.GetEnvironmentVariable("PROV_BOOTSTRAP_LAB");
        if (string.IsNullOrEmpty(lab) || !File.Exists(Path.Combine(lab, "inventory.yml")))
        {
            Assert.Ignore("set PROV_BOOTSTRAP_LAB to the state directory of a lab brought up with 'prov lab up --state-dir DIR'");
        }

        _lab = lab;
        _agent = await AgentBuild.PathAsync();
        _scratch = Directory.CreateTempSubdirectory("prov-bootstrap-lab-").FullName;
        _caDirectory = TestCa.Init(_scratch, TimeProvider.System);
    }

    [OneTimeTearDown]
    public void Clean()
    {
        if (_scratch is not null)
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    [Test]
    public async Task Bootstrap_SystemdHost_InstallsVerifiesIsIdempotentAndUninstalls()
    {
        var inventory = Path.Combine(_lab, "inventory.yml");
        string[] common = ["bootstrap", "-i", inventory, "--limit", "all[0]", "--ca-dir", _caDirectory, "--agent-binary", _agent];

        var first = await ProvProcess.RunAsync(null, common);
        var second = await ProvProcess.RunAsync(null, common);
        var removed = await ProvProcess.RunAsync(null, [.. common, "--uninstall"]);

        Assert.That(first.ExitCode, Is.Zero, first.Stdout + first.Stderr);
        Assert.That(first.Stdout, Does.Contain("wrote /etc/systemd/system/prov-agent.service").And.Contain("enabled prov-agent.service")
            .And.Contain("started prov-agent").And.Contain("GetCapabilities over mTLS at "));
        Assert.That(second.ExitCode, Is.Zero, second.Stdout + second.Stderr);
        Assert.That(second.Stdout, Does.Contain("ok=1 changed=0 failed=0"));
        Assert.That(removed.ExitCode, Is.Zero, removed.Stdout + removed.Stderr);
        Assert.That(removed.Stdout, Does.Contain("removed /etc/systemd/system/prov-agent.service").And.Contain("/usr/local/bin/prov-agent"));
    }

    [Test]
    public async Task Bootstrap_NonRootUser_BecomesRootWithSudoOrFailsClearlyWithout()
    {
        var address = await LabAddressAsync();
        await LabRootAsync(address, """
            set -e
            command -v sudo >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sudo; } >/dev/null
            for u in provdeploy provnosudo; do
              id "$u" >/dev/null 2>&1 || useradd -m -s /bin/sh "$u"
              install -d -o "$u" -m 0700 "/home/$u/.ssh"
              install -o "$u" -m 0600 /root/.ssh/authorized_keys "/home/$u/.ssh/authorized_keys"
            done
            echo 'provdeploy ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/provdeploy
            chmod 0440 /etc/sudoers.d/provdeploy
            """);
        var inventory = Path.Combine(_scratch, "become.yml");
        File.WriteAllText(inventory, $"""
            all:
              vars:
                ssh_private_key_file: {Path.Combine(_lab, "id_ed25519")}
                ssh_known_hosts_file: {Path.Combine(_lab, "known_hosts")}
                address: {address}
              hosts:
                sudoer:
                  user: provdeploy
                nosudo:
                  user: provnosudo
            """);
        string[] common = ["bootstrap", "-i", inventory, "--ca-dir", _caDirectory, "--agent-binary", _agent];

        var installed = await ProvProcess.RunAsync(null, common);
        var removed = await ProvProcess.RunAsync(null, [.. common, "--limit", "sudoer", "--uninstall"]);

        Assert.That(installed.ExitCode, Is.EqualTo(2), installed.Stdout + installed.Stderr);
        Assert.That(installed.Stdout, Does.Contain("sudoer: changed").And.Contain("GetCapabilities over mTLS at "));
        Assert.That(installed.Stdout, Does.Contain("nosudo: failed").And.Contain("user 'provnosudo' cannot become root without a password"));
        Assert.That(removed.ExitCode, Is.Zero, removed.Stdout + removed.Stderr);
    }

    private async Task<string> LabAddressAsync()
    {
        var line = (await File.ReadAllLinesAsync(Path.Combine(_lab, "inventory.yml"))).First(l => l.TrimStart().StartsWith("address:", StringComparison.Ordinal));
        return line.Split(':', 2)[1].Trim();
    }

    private Task<string> LabRootAsync(string address, string script) =>
        TestProcess.RunAsync("ssh", "-i", Path.Combine(_lab, "id_ed25519"), "-o", "UserKnownHostsFile=" + Path.Combine(_lab, "known_hosts"),
            "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "root@" + address, script);
}
