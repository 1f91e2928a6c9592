using Provisioner.Bootstrap.Ssh.KnownHosts;

namespace Provisioner.Bootstrap.Tests.Ssh.KnownHosts;

[TestFixture]
public sealed class KnownHostsStoreTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("prov-kh-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_directory, "known_hosts");
        File.WriteAllLines(path, lines);
        return path;
    }

    [TestCase("web1", 22, "web1")]
    [TestCase("web1", 2222, "[web1]:2222")]
    [TestCase("::1", 2222, "[::1]:2222")]
    public void LookupName_Port_UsesBracketFormOffPort22(string address, int port, string expected)
    {
        Assert.That(KnownHostsStore.LookupName(address, port), Is.EqualTo(expected));
    }

    [Test]
    public void Check_SameKey_IsKnown()
    {
        var key = TestKeys.Blob();
        var store = new KnownHostsStore(Write(TestKeys.Line("[web1]:2222", key)));

        Assert.That(store.Check("web1", 2222, key).Status, Is.EqualTo(HostKeyStatus.Known));
    }

    [Test]
    public void Check_KeyKnownOnlyForPort22_IsUnknownOnOtherPort()
    {
        var key = TestKeys.Blob();
        var store = new KnownHostsStore(Write(TestKeys.Line("web1", key)));

        Assert.That(store.Check("web1", 2222, key).Status, Is.EqualTo(HostKeyStatus.Unknown));
    }

    [Test]
    public void Check_OtherKeyOfSameType_IsChangedWithTheKnownLocation()
    {
        var store = new KnownHostsStore(Write("# header", TestKeys.Line(TestKeys.Hashed("web1"), TestKeys.Blob())));

        var check = store.Check("web1", 22, TestKeys.Blob());

        Assert.That(check.Status, Is.EqualTo(HostKeyStatus.Changed));
        Assert.That(check.HostEntries.Single().Location, Does.EndWith("known_hosts:2"));
    }

    [Test]
    public void Check_OnlyOtherKeyTypeKnown_IsNotTreatedAsUnknown()
    {
        var store = new KnownHostsStore(Write(TestKeys.Line("web1", TestKeys.Blob("ecdsa-sha2-nistp256"))));

        Assert.That(store.Check("web1", 22, TestKeys.Blob()).Status, Is.EqualTo(HostKeyStatus.OtherTypeKnown));
    }

    [Test]
    public void Check_RevokedKey_IsRevokedEvenWhenAlsoListed()
    {
        var key = TestKeys.Blob();
        var store = new KnownHostsStore(Write(TestKeys.Line("web1", key), TestKeys.Line("*", key, "@revoked")));

        Assert.That(store.Check("web1", 22, key).Status, Is.EqualTo(HostKeyStatus.Revoked));
    }

    [Test]
    public void Check_KeyInReadOnlyFile_IsKnown()
    {
        var key = TestKeys.Blob();
        var global = Path.Combine(_directory, "ssh_known_hosts");
        File.WriteAllText(global, TestKeys.Line("web1", key));
        var store = new KnownHostsStore(Path.Combine(_directory, "missing", "known_hosts"), [global]);

        Assert.That(store.Check("web1", 22, key).Status, Is.EqualTo(HostKeyStatus.Known));
    }

    [Test]
    public void TrustIfUnknown_NewHost_AppendsPlainLineWithPrivateModeOnce()
    {
        var key = TestKeys.Blob();
        var path = Path.Combine(_directory, "ssh", "known_hosts");
        var store = new KnownHostsStore(path);

        var first = store.TrustIfUnknown("web1", 2222, key);
        var second = store.TrustIfUnknown("web1", 2222, key);

        Assert.That(first.Status, Is.EqualTo(HostKeyStatus.Unknown));
        Assert.That(second.Status, Is.EqualTo(HostKeyStatus.Known));
        Assert.That(File.ReadAllLines(path), Is.EqualTo(new[] { TestKeys.Line("[web1]:2222", key) }));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void TrustIfUnknown_ChangedKey_WritesNothing()
    {
        var path = Write(TestKeys.Line("web1", TestKeys.Blob()));
        var before = File.ReadAllText(path);

        var check = new KnownHostsStore(path).TrustIfUnknown("web1", 22, TestKeys.Blob());

        Assert.That(check.Status, Is.EqualTo(HostKeyStatus.Changed));
        Assert.That(File.ReadAllText(path), Is.EqualTo(before));
    }

    [Test]
    public void KnownTypes_HostWithTwoKeys_ListsBoth()
    {
        var store = new KnownHostsStore(Write(TestKeys.Line("web1", TestKeys.Blob("ssh-rsa")), TestKeys.Line("web*", TestKeys.Blob())));

        Assert.That(store.KnownTypes("web1", 22), Is.EquivalentTo(new[] { "ssh-rsa", "ssh-ed25519" }));
    }
}
