using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Cli;

/// <summary><c>prov bootstrap</c> as a user runs it: the real CLI process, a real sshd, the real agent, CA and transport.</summary>
[TestFixture]
[NonParallelizable]
public sealed class BootstrapCommandTests
{
    private SshServer _server = null!;
    private string _agent = null!;
    private string _caDirectory = null!;
    private string _root = null!;
    private string _inventory = null!;
    private int _agentPort;

    [OneTimeSetUp]
    public async Task Start()
    {
        _agent = await AgentBuild.PathAsync();
        _server = await SshServer.StartAsync(passwordAuthentication: true);
        _caDirectory = TestCa.Init(_server.Directory, TimeProvider.System);
        _agentPort = FreePort.Next();
        _inventory = Path.Combine(_server.Directory, "inventory.yml");
        File.WriteAllText(_inventory, $"""
            all:
              hosts:
                clihost:
                  address: 127.0.0.1
                  port: {_server.Port}
                  ssh_private_key_file: {_server.ClientKeyFile}
                  agent_listen: 127.0.0.1
                  agent_port: {_agentPort}
            """);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        var layout = new InstallLayout(_root ?? "/nonexistent");
        if (File.Exists(layout.InitScript))
        {
            await TestProcess.RunAsync(layout.InitScript, "stop");
        }

        await _server.DisposeAsync();
    }

    [SetUp]
    public void NewRoot() => _root ??= _server.NewRoot();

    [Test]
    [Order(1)]
    public async Task Bootstrap_UnknownHostKey_ExitsUnreachableShowingTheFingerprint()
    {
        var (exit, stdout, _) = await BootstrapAsync(_server.EmptyKnownHostsPath());

        Assert.That(exit, Is.EqualTo(3), stdout);
        Assert.That(stdout, Does.Contain("clihost: failed").And.Contain("SHA256:").And.Contain("--accept-new-host-keys"));
        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }

    [Test]
    [Order(2)]
    public async Task Bootstrap_NoCa_RefusesBeforeTouchingAnyHost()
    {
        var (exit, _, stderr) = await ProvProcess.RunAsync(null, "bootstrap", "-i", _inventory, "--ca-dir", Path.Combine(_server.Directory, "no-ca"),
            "--install-root", _root, "--agent-binary", _agent, "--known-hosts", _server.WriteKnownHosts());

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("prov ca init"));
        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }

    [Test]
    [Order(3)]
    public async Task Bootstrap_WrongPasswordFromAskPass_ExitsUnreachable()
    {
        var inventory = Path.Combine(_server.Directory, "password-inventory.yml");
        File.WriteAllText(inventory, $"all:\n  hosts:\n    pwhost:\n      address: 127.0.0.1\n      port: {_server.Port}\n");

        var (exit, stdout, stderr) = await ProvProcess.RunAsync("not-the-password\n", "bootstrap", "-i", inventory, "--ask-pass",
            "--ca-dir", _caDirectory, "--install-root", _root, "--agent-binary", _agent, "--known-hosts", _server.WriteKnownHosts());

        Assert.That(exit, Is.EqualTo(3), stdout + stderr);
        Assert.That(stderr, Does.Contain("SSH password:"));
        Assert.That(stdout, Does.Contain("refused our credentials"));
        Assert.That(Directory.EnumerateFileSystemEntries(_root), Is.Empty);
    }

    [Test]
    [Order(4)]
    public async Task Bootstrap_FirstRunTrustingNewKey_InstallsAndVerifies()
    {
        var knownHosts = Path.Combine(_server.Directory, "cli_known_hosts");

        var (exit, stdout, stderr) = await BootstrapAsync(knownHosts, "--accept-new-host-keys");

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("clihost: changed"));
        Assert.That(stdout, Does.Contain($"GetCapabilities over mTLS at 127.0.0.1:{_agentPort}"));
        Assert.That(stdout, Does.Contain("bootstrap: ok=0 changed=1 failed=0"));
        Assert.That(File.ReadAllText(knownHosts), Does.StartWith($"[127.0.0.1]:{_server.Port} ssh-ed25519 "));
        Assert.That(FreePort.IsListening(_agentPort), Is.True);
    }

    [Test]
    [Order(5)]
    public async Task Bootstrap_SecondRun_ReportsOkAndChangesNothing()
    {
        var (exit, stdout, stderr) = await BootstrapAsync(Path.Combine(_server.Directory, "cli_known_hosts"));

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("clihost: ok"));
        Assert.That(stdout, Does.Not.Contain("    changed"));
        Assert.That(stdout, Does.Contain("bootstrap: ok=1 changed=0 failed=0"));
    }

    [Test]
    [Order(6)]
    public async Task Bootstrap_Uninstall_StopsAndRemovesTheAgent()
    {
        var (exit, stdout, stderr) = await BootstrapAsync(Path.Combine(_server.Directory, "cli_known_hosts"), "--uninstall");

        Assert.That(exit, Is.Zero, stdout + stderr);
        Assert.That(stdout, Does.Contain("clihost: changed").And.Contain("revoked 1 certificate(s)"));
        Assert.That(FreePort.IsListening(_agentPort), Is.False);
        Assert.That(File.Exists(new InstallLayout(_root).Binary), Is.False);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> BootstrapAsync(string knownHosts, params string[] more) =>
        ProvProcess.RunAsync(null, ["bootstrap", "-i", _inventory, "--ca-dir", _caDirectory, "--install-root", _root, "--agent-binary", _agent,
            "--known-hosts", knownHosts, .. more]);
}
