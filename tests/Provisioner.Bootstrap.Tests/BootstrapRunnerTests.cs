using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;
using Provisioner.Bootstrap.Tests.Fixtures;
using Provisioner.Bootstrap.Verification;

namespace Provisioner.Bootstrap.Tests;

[TestFixture]
[NonParallelizable]
public sealed class BootstrapRunnerTests
{
    private SshServer _server = null!;
    private string _agent = null!;
    private string _caDirectory = null!;
    private readonly List<InstallLayout> _started = [];

    [OneTimeSetUp]
    public async Task Start()
    {
        _agent = await AgentBuild.PathAsync();
        _server = await SshServer.StartAsync(passwordAuthentication: true);
        _caDirectory = TestCa.Init(_server.Directory, TimeProvider.System);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    /// <summary>Stops every agent a test started (through its own init script, by the pid it recorded).</summary>
    [TearDown]
    public async Task StopAgents()
    {
        foreach (var layout in _started.Where(l => File.Exists(l.InitScript)))
        {
            await TestProcess.RunAsync(layout.InitScript, "stop");
        }

        _started.Clear();
    }

    [Test]
    public async Task RunAsync_FreshHost_InstallsEnrolsStartsAndAgentAnswersOverMtls()
    {
        var root = _server.NewRoot();
        var port = FreePort.Next();
        using var authority = TestCa.Open(_caDirectory, TimeProvider.System);
        using var probe = new TransportProbe(_caDirectory);
        var host = Host(_server.WriteKnownHosts()) with { Agent = new AgentSettings("127.0.0.1", port) };
        _started.Add(new InstallLayout(root));

        var first = await RunOneAsync(root, host, authority, probe: probe);
        var second = await RunOneAsync(root, host, authority, probe: probe);

        Assert.That(first.Outcome, Is.EqualTo(HostOutcome.Changed), Describe(first));
        Assert.That(first.Steps.Select(s => s.Name), Is.EqualTo(new[] { "agent", "config", "service", "state", "enrol", "crl", "enable", "service", "verify" }));
        Assert.That(first.Steps[^1].Detail, Does.StartWith("GetCapabilities: ").And.Contain("host testhost"));
        Assert.That(FreePort.IsListening(port), Is.True);
        Assert.That(second.Outcome, Is.EqualTo(HostOutcome.Ok), Describe(second));
        Assert.That(second.Steps.Where(s => s.Changed), Is.Empty);
        Assert.That(TestCa.SignedFor(_caDirectory, "testhost"), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task RunAsync_NewAgentVersion_UpgradesInPlaceAndRestarts()
    {
        var root = _server.NewRoot();
        var layout = new InstallLayout(root);
        using var authority = TestCa.Open(_caDirectory, TimeProvider.System);
        using var probe = new TransportProbe(_caDirectory);
        var host = Host(_server.WriteKnownHosts()) with { Target = _server.Target("upgraded"), Agent = new AgentSettings("127.0.0.1", FreePort.Next()) };
        _started.Add(layout);
        await RunOneAsync(root, host, authority, probe: probe);
        var pid = File.ReadAllText(layout.PidFile).Trim();

        // Another build of the agent: same program, different bytes (a trailing byte the loader ignores).
        var newer = Path.Combine(_server.Directory, $"prov-agent-{Guid.NewGuid():N}");
        File.Copy(_agent, newer);
        await using (var stream = new FileStream(newer, FileMode.Append))
        {
            stream.WriteByte(0);
        }

        File.SetUnixFileMode(newer, File.GetUnixFileMode(_agent));
        var report = (await Runner(root, authority, uninstall: false, probe: probe, agent: newer).RunAsync([host], null, CancellationToken.None)).Single();

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Changed), Describe(report));
        Assert.That(report.Steps.Where(s => s.Changed).Select(s => s.Name), Is.EqualTo(new[] { "agent", "service" }));
        Assert.That(report.Steps.Single(s => s is { Name: "service", Changed: true }).Detail, Is.EqualTo("restarted prov-agent"));
        Assert.That(File.ReadAllText(layout.PidFile).Trim(), Is.Not.EqualTo(pid));
        Assert.That(report.Steps[^1].Name, Is.EqualTo("verify"));
    }

    [Test]
    public async Task RunAsync_UnknownHostKey_FailsUnreachableAndInstallsNothing()
    {
        var root = _server.NewRoot();
        var knownHosts = _server.EmptyKnownHostsPath();

        var report = await RunOneAsync(root, Host(knownHosts));

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed));
        Assert.That(report.Unreachable, Is.True);
        Assert.That(report.Error, Does.Contain("is not known").And.Contain("SHA256:").And.Contain("--accept-new-host-keys"));
        AssertEmpty(root);
        Assert.That(File.Exists(knownHosts), Is.False);
    }

    [Test]
    public async Task RunAsync_ChangedHostKeyWithAcceptNew_FailsLoudlyAndInstallsNothing()
    {
        var root = _server.NewRoot();
        var other = Path.Combine(_server.Directory, $"other-{Guid.NewGuid():N}");
        await TestProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other);
        var knownHosts = _server.WriteKnownHosts(string.Join(' ', File.ReadAllText(other + ".pub").Split(' ')[..2]));

        var report = await RunOneAsync(root, Host(knownHosts, acceptNew: true));

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed));
        Assert.That(report.Error, Does.Contain("HAS CHANGED"));
        AssertEmpty(root);
    }

    [Test]
    public async Task RunAsync_KeyNotAuthorized_FailsUnreachableAndInstallsNothing()
    {
        var root = _server.NewRoot();
        var host = Host(_server.WriteKnownHosts()) with { Credentials = new SshCredentials([SshKeys.Load(_server.StrangerKeyFile)], null) };

        var report = await RunOneAsync(root, host);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed));
        Assert.That(report.Unreachable, Is.True);
        Assert.That(report.Error, Does.Contain("refused our credentials"));
        AssertEmpty(root);
    }

    [Test]
    public async Task RunAsync_WrongPassword_FailsUnreachableAndInstallsNothing()
    {
        var root = _server.NewRoot();
        var host = Host(_server.WriteKnownHosts()) with { Credentials = new SshCredentials([], "wrong-" + Guid.NewGuid()) };

        var report = await RunOneAsync(root, host);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed));
        Assert.That(report.Error, Does.Contain("refused our credentials"));
        AssertEmpty(root);
    }

    [Test]
    public async Task RunAsync_NoCertificateAuthority_RollsBackTheFreshInstall()
    {
        var root = _server.NewRoot();
        var authority = new UnavailableAuthority("no CA in this test");

        var report = await RunOneAsync(root, Host(_server.WriteKnownHosts()), authority);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed));
        Assert.That(report.Error, Does.Contain("no CA in this test"));
        Assert.That(report.Steps.Select(s => s.Name), Does.Contain("agent").And.Contain("rollback"));
        Assert.That(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task RunAsync_ConnectionLostWhenEnrolmentFails_ReportsTheFailureAndTheRollbackThatCouldNotRun()
    {
        var root = _server.NewRoot();
        var authority = new DroppingAuthority(_server);

        var report = await RunOneAsync(root, Host(_server.WriteKnownHosts()), authority);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Failed), Describe(report));
        Assert.That(report.Error, Does.Contain("connection dropped in this test"));
        Assert.That(report.Steps.Single(s => s.Name == "rollback").Detail, Does.StartWith("could not remove what this run installed"));
    }

    [Test]
    public async Task RunAsync_Uninstall_RemovesAgentServiceConfigAndKeysAndRevokes()
    {
        var root = _server.NewRoot();
        var layout = new InstallLayout(root);
        var port = FreePort.Next();
        using var authority = TestCa.Open(_caDirectory, TimeProvider.System);
        using var probe = new TransportProbe(_caDirectory);
        var host = Host(_server.WriteKnownHosts()) with { Target = _server.Target("removed"), Agent = new AgentSettings("127.0.0.1", port) };
        _started.Add(layout);
        var installed = await RunOneAsync(root, host, authority, probe: probe);
        Assert.That(installed.Outcome, Is.EqualTo(HostOutcome.Changed), Describe(installed));

        var report = await RunOneAsync(root, host, authority, uninstall: true);
        var again = await RunOneAsync(root, host, authority, uninstall: true);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Changed), Describe(report));
        Assert.That(report.Steps[0].Detail, Is.EqualTo("stopped and disabled prov-agent"));
        Assert.That(FreePort.IsListening(port), Is.False, "the agent is stopped");
        Assert.That(report.Steps.Single(s => s.Name == "revoke").Changed, Is.True);
        Assert.That(TestCa.RevokedFor(_caDirectory, "removed"), Is.EqualTo(TestCa.SignedFor(_caDirectory, "removed")));
        Assert.That(new[] { layout.Binary, layout.Config, layout.Key, layout.Certificate, layout.CaCertificate, layout.InitScript }.Where(File.Exists), Is.Empty);
        Assert.That(Directory.Exists(layout.ConfigDirectory), Is.False);
        Assert.That(Directory.Exists(layout.StateDirectory), Is.True, "run records are kept");
        Assert.That(again.Outcome, Is.EqualTo(HostOutcome.Ok), string.Join("\n", again.Steps));
    }

    [Test]
    public async Task RunAsync_SeveralHosts_ReportsEachInInventoryOrder()
    {
        var hosts = Enumerable.Range(1, 4).Select(i => Host(_server.EmptyKnownHostsPath()) with { Target = _server.Target($"h{i}") }).ToList();
        var heard = new List<string>();

        var reports = await Runner(_server.NewRoot(), new UnavailableAuthority("unused"), uninstall: false, forks: 2)
            .RunAsync(hosts, r => { heard.Add(r.Host); return Task.CompletedTask; }, CancellationToken.None);

        Assert.That(reports.Select(r => r.Host), Is.EqualTo(new[] { "h1", "h2", "h3", "h4" }));
        Assert.That(heard, Is.EquivalentTo(new[] { "h1", "h2", "h3", "h4" }));
        Assert.That(reports.Select(r => r.Outcome), Is.All.EqualTo(HostOutcome.Failed));
    }

    private BootstrapHost Host(string knownHosts, bool acceptNew = false) => new(
        _server.Target(),
        new AgentSettings("127.0.0.1", 17443),
        new SshOptions { KnownHostsFile = knownHosts, AcceptNewHostKeys = acceptNew },
        _server.Credentials());

    private BootstrapRunner Runner(string root, IAgentCertificateAuthority authority, bool uninstall, int forks = 1, IAgentProbe? probe = null, string? agent = null) => new(
        new BootstrapServices(new AgentBinaryLocator(agent ?? _agent), authority, probe ?? new UnavailableAgentProbe("no transport in this test"), TimeProvider.System),
        new BootstrapOptions { Layout = new InstallLayout(root), Uninstall = uninstall, Forks = forks });

    private async Task<HostReport> RunOneAsync(string root, BootstrapHost host, IAgentCertificateAuthority? authority = null, bool uninstall = false, IAgentProbe? probe = null) =>
        (await Runner(root, authority ?? new UnavailableAuthority("unused"), uninstall, probe: probe).RunAsync([host], null, CancellationToken.None)).Single();

    private static string Describe(HostReport report) => string.Join("\n", report.Steps.Select(s => s.ToString()).Append(report.Error ?? string.Empty));

    private static void AssertEmpty(string root) =>
        Assert.That(Directory.EnumerateFileSystemEntries(root), Is.Empty, "nothing may be installed");
}
