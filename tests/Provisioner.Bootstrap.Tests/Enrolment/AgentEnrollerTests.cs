using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Tests.Fixtures;

namespace Provisioner.Bootstrap.Tests.Enrolment;

[TestFixture]
[NonParallelizable]
public sealed class AgentEnrollerTests
{
    private SshServer _server = null!;
    private AgentBinary _binary = null!;
    private TestAuthority _authority = null!;
    private FakeTimeProvider _time = null!;
    private EnrolmentTokenStore _tokens = null!;
    private InstallLayout _layout = null!;
    private RecordingHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _binary = AgentBinary.Open(await AgentBuild.PathAsync());
        _server = await SshServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [SetUp]
    public async Task InstallAgent()
    {
        _authority = new TestAuthority();
        _time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        _tokens = new EnrolmentTokenStore(Path.Combine(_server.Directory, $"state-{Guid.NewGuid():N}", "enrolment"), _time);
        _layout = new InstallLayout(_server.NewRoot());
        _host = new RecordingHost(await _server.ConnectAsync());
        var platform = await PlatformProbe.DetectAsync(_host, _layout, CancellationToken.None);
        await new AgentInstaller(_host, _layout, platform).InstallAsync(_binary, new AgentSettings(), CancellationToken.None);
    }

    [TearDown]
    public async Task Disconnect()
    {
        await _host.DisposeAsync();
        _authority.Dispose();
    }

    private AgentEnroller Enroller => new(_host, _layout, _authority, _tokens);

    [Test]
    public async Task EnsureEnrolledAsync_FreshHost_InstallsCertificateForTheKeyMadeOnTheHost()
    {
        var steps = await Enroller.EnsureEnrolledAsync([], CancellationToken.None);

        Assert.That(steps[0].Changed, Is.True, steps[0].Detail);
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(_layout.Certificate));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(_layout.Key));
        Assert.That(certificate.GetECDsaPublicKey()!.ExportSubjectPublicKeyInfo(), Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
        Assert.That(certificate.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("testhost"));
        Assert.That(File.ReadAllText(_layout.CaCertificate).Trim(), Is.EqualTo(_authority.CaCertificatePem.Trim()));
        Assert.That(File.GetUnixFileMode(_layout.Key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.Exists(_layout.PendingKey), Is.False);
        Assert.That(_host.Transcript.ToString(), Does.Not.Contain("PRIVATE KEY"), "the private key never crosses the connection");
        Assert.That(_host.Commands.SelectMany(c => c.Argv), Has.None.StartsWith("prov-enrol-1."), "the token never appears on a command line");
    }

    [Test]
    public async Task EnsureEnrolledAsync_Rerun_ChangesNothingAndSignsNothing()
    {
        await Enroller.EnsureEnrolledAsync([], CancellationToken.None);
        var certificate = File.ReadAllText(_layout.Certificate);

        var steps = await Enroller.EnsureEnrolledAsync([], CancellationToken.None);

        Assert.That(steps.Select(s => s.Changed), Is.All.False, string.Join("\n", steps));
        Assert.That(_authority.Signed, Has.Count.EqualTo(1));
        Assert.That(File.ReadAllText(_layout.Certificate), Is.EqualTo(certificate));
    }

    [Test]
    public async Task EnsureEnrolledAsync_KeyReplacedOnHost_EnrolsAgain()
    {
        await Enroller.EnsureEnrolledAsync([], CancellationToken.None);
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(_layout.Key, other.ExportPkcs8PrivateKeyPem());
        }

        var steps = await Enroller.EnsureEnrolledAsync([], CancellationToken.None);

        Assert.That(steps[0].Changed, Is.True);
        Assert.That(steps[0].Detail, Does.Contain("does not match"));
        Assert.That(_authority.Signed, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task EnsureEnrolledAsync_HostTrustsAnotherCa_EnrolsWithOurs()
    {
        using (var previous = new TestAuthority("Previous CA"))
        {
            await new AgentEnroller(_host, _layout, previous, _tokens).EnsureEnrolledAsync([], CancellationToken.None);
        }

        var steps = await Enroller.EnsureEnrolledAsync([], CancellationToken.None);

        Assert.That(steps[0].Detail, Does.Contain("another CA"));
        Assert.That(File.ReadAllText(_layout.CaCertificate).Trim(), Is.EqualTo(_authority.CaCertificatePem.Trim()));
    }

    [Test]
    public void EnrolWithTokenAsync_UsedToken_IsRefusedAndLeavesNothing()
    {
        var token = _tokens.Issue("testhost");
        Assert.That(_tokens.Redeem(token, "testhost").Accepted, Is.True);

        var ex = Assert.ThrowsAsync<EnrolmentException>(() => Enroller.EnrolWithTokenAsync(token, [], "test", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("testhost: enrolment refused").And.Contain("already used"));
        AssertNothingEnrolled();
    }

    [Test]
    public void EnrolWithTokenAsync_ExpiredToken_IsRefusedAndLeavesNothing()
    {
        var token = _tokens.Issue("testhost", TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(11));

        var ex = Assert.ThrowsAsync<EnrolmentException>(() => Enroller.EnrolWithTokenAsync(token, [], "test", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("expired"));
        AssertNothingEnrolled();
    }

    [Test]
    public void EnrolWithTokenAsync_TokenOfAnotherHost_IsRefusedAndLeavesNothing()
    {
        var token = _tokens.Issue("otherhost");

        var ex = Assert.ThrowsAsync<EnrolmentException>(() => Enroller.EnrolWithTokenAsync(token, [], "test", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("issued for host 'otherhost', not for 'testhost'"));
        AssertNothingEnrolled();
    }

    [Test]
    public void EnrolWithTokenAsync_MadeUpToken_IsRefusedAndLeavesNothing()
    {
        var ex = Assert.ThrowsAsync<EnrolmentException>(() => Enroller.EnrolWithTokenAsync("prov-enrol-1.guessed", [], "test", CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("unknown token"));
        AssertNothingEnrolled();
    }

    private void AssertNothingEnrolled()
    {
        Assert.That(_authority.Signed, Is.Empty, "nothing may be signed");
        Assert.That(new[] { _layout.Key, _layout.PendingKey, _layout.Certificate, _layout.CaCertificate }.Where(File.Exists), Is.Empty);
    }
}
