using Microsoft.Extensions.Time.Testing;
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

    [OneTimeSetUp]
    public async Task Start()
    {
        _agent = await AgentBuild.PathAsync();
        _server = await SshServer.StartAsync(passwordAuthentication: true);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

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
    public async Task RunAsync_Uninstall_RemovesAgentServiceConfigAndKeysAndRevokes()
    {
        var root = _server.NewRoot();
        using var authority = new TestAuthority();
        var layout = new InstallLayout(root);
        await using (var remote = await _server.ConnectAsync())
        {
            var platform = await PlatformProbe.DetectAsync(remote, layout, CancellationToken.None);
            await new AgentInstaller(remote, layout, platform).InstallAsync(AgentBinary.Open(_agent), new AgentSettings(), CancellationToken.None);
            await new AgentEnroller(remote, layout, authority, Tokens()).EnsureEnrolledAsync([], CancellationToken.None);
        }

        var report = await RunOneAsync(root, Host(_server.WriteKnownHosts()), authority, uninstall: true);
        var again = await RunOneAsync(root, Host(_server.WriteKnownHosts()), authority, uninstall: true);

        Assert.That(report.Outcome, Is.EqualTo(HostOutcome.Changed), report.Error);
        Assert.That(report.Steps.Single(s => s.Name == "revoke").Changed, Is.True);
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

    private EnrolmentTokenStore Tokens() =>
        new(Path.Combine(_server.Directory, $"state-{Guid.NewGuid():N}", "enrolment"), new FakeTimeProvider(DateTimeOffset.UtcNow));

    private BootstrapRunner Runner(string root, IAgentCertificateAuthority authority, bool uninstall, int forks = 1) => new(
        new BootstrapServices(new AgentBinaryLocator(_agent), authority, Tokens(), new UnavailableAgentProbe("no transport in this test"), TimeProvider.System),
        new BootstrapOptions { Layout = new InstallLayout(root), Uninstall = uninstall, Forks = forks });

    private async Task<HostReport> RunOneAsync(string root, BootstrapHost host, IAgentCertificateAuthority? authority = null, bool uninstall = false) =>
        (await Runner(root, authority ?? new UnavailableAuthority("unused"), uninstall).RunAsync([host], null, CancellationToken.None)).Single();

    private static void AssertEmpty(string root) =>
        Assert.That(Directory.EnumerateFileSystemEntries(root), Is.Empty, "nothing may be installed");
}
