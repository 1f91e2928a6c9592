using System.Text;
using Provisioner.Bootstrap.Ssh;
using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Ssh;

[TestFixture]
[NonParallelizable]
public sealed class SshConnectorTests
{
    private SshServer _server = null!;

    [OneTimeSetUp]
    public async Task StartServer() => _server = await SshServer.StartAsync(passwordAuthentication: true);

    [OneTimeTearDown]
    public async Task StopServer() => await _server.DisposeAsync();

    private SshTarget Target => new("testhost", "127.0.0.1", _server.Port, "root");

    private SshConnector Connector(string knownHosts, bool acceptNew = false, string? key = null, string? password = null, TimeSpan? commandTimeout = null) =>
        new(
            new SshOptions { KnownHostsFile = knownHosts, AcceptNewHostKeys = acceptNew, CommandTimeout = commandTimeout ?? SshOptions.DefaultCommandTimeout },
            new SshCredentials(password is null ? [SshKeys.Load(key ?? _server.ClientKeyFile)] : [], password));

    [Test]
    public async Task ConnectAsync_KnownHostKey_RunsCommandsAsRoot()
    {
        await using var host = await Connector(_server.WriteKnownHosts()).ConnectAsync(Target, CancellationToken.None);

        var result = await host.RunAsync(RemoteCommand.Of("id", "-u"), CancellationToken.None);

        Assert.That(result.ExitCode, Is.Zero, result.Stderr);
        Assert.That(result.Stdout.Trim(), Is.EqualTo("0"));
    }

    [Test]
    public async Task ConnectAsync_HashedKnownHostsEntry_IsAccepted()
    {
        var knownHosts = _server.WriteKnownHosts();
        await TestProcess.RunAsync("ssh-keygen", "-H", "-f", knownHosts);
        Assert.That(File.ReadAllText(knownHosts), Does.StartWith("|1|"));

        await using var host = await Connector(knownHosts).ConnectAsync(Target, CancellationToken.None);

        Assert.That((await host.RunAsync(RemoteCommand.Of("true"), CancellationToken.None)).ExitCode, Is.Zero);
    }

    [Test]
    public void ConnectAsync_UnknownHostKey_FailsWithFingerprintAndAdvice()
    {
        var knownHosts = _server.EmptyKnownHostsPath();

        var ex = Assert.ThrowsAsync<HostKeyException>(() => Connector(knownHosts).ConnectAsync(Target, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("is not known"));
        Assert.That(ex.Message, Does.Contain(Fingerprint()));
        Assert.That(ex.Message, Does.Contain("--accept-new-host-keys"));
        Assert.That(File.Exists(knownHosts), Is.False, "nothing may be written without --accept-new-host-keys");
    }

    [Test]
    public async Task ConnectAsync_UnknownHostKeyWithAcceptNew_AppendsKeyOnce()
    {
        var knownHosts = _server.EmptyKnownHostsPath();
        File.WriteAllText(knownHosts, "# existing comment without newline");

        await using (var host = await Connector(knownHosts, acceptNew: true).ConnectAsync(Target, CancellationToken.None))
        {
            await host.RunCheckedAsync(CancellationToken.None, "true");
        }

        await using (var again = await Connector(knownHosts, acceptNew: false).ConnectAsync(Target, CancellationToken.None))
        {
            await again.RunCheckedAsync(CancellationToken.None, "true");
        }

        var lines = File.ReadAllLines(knownHosts);
        Assert.That(lines, Is.EqualTo(new[] { "# existing comment without newline", $"[127.0.0.1]:{_server.Port} {_server.PublicHostKey}" }));
    }

    [Test]
    public async Task ConnectAsync_ChangedHostKey_FailsLoudlyEvenWithAcceptNew()
    {
        var other = Path.Combine(_server.Directory, $"other-{Guid.NewGuid():N}");
        await TestProcess.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other);
        var otherKey = string.Join(' ', File.ReadAllText(other + ".pub").Split(' ')[..2]);
        var knownHosts = _server.WriteKnownHosts(otherKey);
        var before = File.ReadAllText(knownHosts);

        var ex = Assert.ThrowsAsync<HostKeyException>(() => Connector(knownHosts, acceptNew: true).ConnectAsync(Target, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("HAS CHANGED"));
        Assert.That(ex.Message, Does.Contain(Fingerprint()));
        Assert.That(ex.Message, Does.Contain($"{knownHosts}:1"));
        Assert.That(File.ReadAllText(knownHosts), Is.EqualTo(before));
    }

    [Test]
    public void ConnectAsync_KeyNotAuthorized_FailsWithAuthenticationAdvice()
    {
        var ex = Assert.ThrowsAsync<SshConnectionException>(() =>
            Connector(_server.WriteKnownHosts(), key: _server.StrangerKeyFile).ConnectAsync(Target, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("refused our credentials"));
        Assert.That(ex.Message, Does.Contain("root@127.0.0.1"));
    }

    [Test]
    public void ConnectAsync_WrongPassword_FailsWithAuthenticationAdvice()
    {
        var ex = Assert.ThrowsAsync<SshConnectionException>(() =>
            Connector(_server.WriteKnownHosts(), password: "not-the-password-" + Guid.NewGuid()).ConnectAsync(Target, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("refused our credentials"));
    }

    [Test]
    public void ConnectAsync_NothingListening_FailsAsUnreachable()
    {
        var target = Target with { Port = 1 };

        var ex = Assert.ThrowsAsync<SshConnectionException>(() => Connector(_server.WriteKnownHosts()).ConnectAsync(target, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("cannot connect"));
    }

    [Test]
    public async Task RunAsync_CommandOutlivesTimeout_IsStoppedOnTheHost()
    {
        await using var host = await Connector(_server.WriteKnownHosts(), commandTimeout: TimeSpan.FromSeconds(1)).ConnectAsync(Target, CancellationToken.None);
        var started = DateTime.UtcNow;

        var ex = Assert.ThrowsAsync<RemoteCommandException>(() => host.RunAsync(RemoteCommand.Of("sleep", "30"), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("stopped after 1 s"));
        Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task RunAsync_ArgumentsWithShellCharacters_ArriveVerbatim()
    {
        await using var host = await Connector(_server.WriteKnownHosts()).ConnectAsync(Target, CancellationToken.None);
        const string Tricky = "a b'c\"$(touch /tmp/prov-pwned);`x`\\n*";

        var result = await host.RunCheckedAsync(CancellationToken.None, "printf", "%s", Tricky);

        Assert.That(result.Stdout, Is.EqualTo(Tricky));
    }

    [Test]
    public async Task RunAsync_Stdin_ReachesTheCommand()
    {
        await using var host = await Connector(_server.WriteKnownHosts()).ConnectAsync(Target, CancellationToken.None);

        var result = await host.RunCheckedAsync(new RemoteCommand(["cat"]) { Stdin = Encoding.UTF8.GetBytes("secret\nline") }, CancellationToken.None);

        Assert.That(result.Stdout, Is.EqualTo("secret\nline"));
    }

    [Test]
    public async Task UploadAsync_File_ArrivesIntact()
    {
        await using var host = await Connector(_server.WriteKnownHosts()).ConnectAsync(Target, CancellationToken.None);
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);
        var remote = Path.Combine(_server.Directory, $"upload-{Guid.NewGuid():N}");

        await host.UploadAsync(new MemoryStream(bytes), remote, CancellationToken.None);

        Assert.That(File.ReadAllBytes(remote), Is.EqualTo(bytes));
    }

    private string Fingerprint()
    {
        var blob = Convert.FromBase64String(_server.PublicHostKey.Split(' ')[1]);
        return "SHA256:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(blob)).TrimEnd('=');
    }
}
