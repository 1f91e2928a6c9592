using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Provisioner.Bootstrap.Enrolment;

namespace Provisioner.Bootstrap.Tests.Enrolment;

[TestFixture]
public sealed class EnrolmentTokenStoreTests
{
    private string _directory = null!;
    private FakeTimeProvider _time = null!;
    private EnrolmentTokenStore _store = null!;

    [SetUp]
    public void CreateStore()
    {
        _directory = Path.Combine(Directory.CreateTempSubdirectory("prov-tokens-").FullName, "enrolment");
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        _store = new EnrolmentTokenStore(_directory, _time);
    }

    [TearDown]
    public void DeleteStore() => Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);

    [Test]
    public void Redeem_FreshTokenForItsHost_IsAccepted()
    {
        var token = _store.Issue("web1");

        Assert.That(_store.Redeem(token, "web1"), Is.EqualTo(TokenRedemption.Success));
    }

    [Test]
    public void Redeem_SecondTime_IsRefusedAsUsed()
    {
        var token = _store.Issue("web1");
        _store.Redeem(token, "web1");

        var again = _store.Redeem(token, "web1");

        Assert.That(again.Accepted, Is.False);
        Assert.That(again.Refusal, Does.Contain("already used"));
    }

    [Test]
    public void Redeem_JustBeforeExpiry_IsAccepted()
    {
        var token = _store.Issue("web1", TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.That(_store.Redeem(token, "web1").Accepted, Is.True);
    }

    [Test]
    public void Redeem_AtExpiry_IsRefusedAsExpired()
    {
        var token = _store.Issue("web1", TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = _store.Redeem(token, "web1");

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.Refusal, Does.Contain("expired at 2026-03-01 12:05:00Z"));
    }

    [Test]
    public void Redeem_ForAnotherHost_IsRefusedAndVoidsTheToken()
    {
        var token = _store.Issue("web1");

        var foreign = _store.Redeem(token, "db1");
        var own = _store.Redeem(token, "web1");

        Assert.That(foreign.Accepted, Is.False);
        Assert.That(foreign.Refusal, Does.Contain("issued for host 'web1', not for 'db1'"));
        Assert.That(own.Accepted, Is.False);
    }

    [Test]
    public void Redeem_UnknownToken_IsRefused()
    {
        _store.Issue("web1");

        var result = _store.Redeem("prov-enrol-1.made-up", "web1");

        Assert.That(result.Accepted, Is.False);
        Assert.That(result.Refusal, Does.Contain("unknown token"));
    }

    [Test]
    public void Issue_StoresOnlyAHashInPrivateFiles()
    {
        var token = _store.Issue("web1");

        var files = Directory.GetFiles(_directory);
        var expectedName = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token))) + ".json";
        Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { expectedName }));
        Assert.That(File.ReadAllText(files[0]), Does.Not.Contain(token[^20..]));
        Assert.That(File.GetUnixFileMode(files[0]), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(_directory), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public void Issue_TwoTokens_AreDifferentAndIndependent()
    {
        var first = _store.Issue("web1");
        var second = _store.Issue("web1");

        Assert.That(first, Is.Not.EqualTo(second));
        Assert.That(_store.Redeem(first, "web1").Accepted, Is.True);
        Assert.That(_store.Redeem(second, "web1").Accepted, Is.True);
    }

    [Test]
    public void Issue_OldRecords_ArePruned()
    {
        var old = _store.Issue("web1", TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromDays(2));

        _store.Issue("web2");

        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1));
        Assert.That(_store.Redeem(old, "web1").Refusal, Does.Contain("unknown token"));
    }

    [Test]
    public async Task Redeem_ConcurrentAttempts_ExactlyOneWins()
    {
        var token = _store.Issue("web1");

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.Redeem(token, "web1"))));

        Assert.That(results.Count(r => r.Accepted), Is.EqualTo(1));
    }
}
