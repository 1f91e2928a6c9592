using Provisioner.Bootstrap.Ssh.KnownHosts;

namespace Provisioner.Bootstrap.Tests.Ssh.KnownHosts;

[TestFixture]
public sealed class KnownHostsParserTests
{
    [Test]
    public void Parse_PlainLines_ReadsHostsTypeKeyAndLineNumbers()
    {
        var a = TestKeys.Blob();
        var b = TestKeys.Blob("ecdsa-sha2-nistp256");
        var text = $"# comment\n\n{TestKeys.Line("web1,10.0.0.1", a)} a comment\r\n{TestKeys.Line("[db1]:2222", b)}\n";

        var entries = KnownHostsParser.Parse(text, "kh");

        Assert.That(entries, Has.Count.EqualTo(2));
        Assert.That(entries[0].Hosts, Is.EqualTo("web1,10.0.0.1"));
        Assert.That(entries[0].KeyType, Is.EqualTo("ssh-ed25519"));
        Assert.That(entries[0].Key, Is.EqualTo(a));
        Assert.That(entries[0].Location, Is.EqualTo("kh:3"));
        Assert.That(entries[1].KeyType, Is.EqualTo("ecdsa-sha2-nistp256"));
        Assert.That(entries[1].Location, Is.EqualTo("kh:4"));
    }

    [Test]
    public void Parse_Markers_AreRecognisedAndUnknownMarkersSkipped()
    {
        var key = TestKeys.Blob();
        var text = $"{TestKeys.Line("*", key, "@revoked")}\n{TestKeys.Line("*.example", key, "@cert-authority")}\n{TestKeys.Line("h", key, "@bogus")}\n";

        var entries = KnownHostsParser.Parse(text, "kh");

        Assert.That(entries.Select(e => e.Marker), Is.EqualTo(new[] { KnownHostMarker.Revoked, KnownHostMarker.CertAuthority }));
    }

    [TestCase("host ssh-ed25519")]
    [TestCase("host ssh-ed25519 not*base64")]
    [TestCase("host ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")]
    [TestCase("host ssh-ed25519 AAAA")]
    public void Parse_BrokenLine_IsSkipped(string line)
    {
        Assert.That(KnownHostsParser.Parse(line, "kh"), Is.Empty);
    }

    [TestCase("web1", "web1", true)]
    [TestCase("WEB1", "web1", true)]
    [TestCase("web1,web2", "web2", true)]
    [TestCase("web*", "web12", true)]
    [TestCase("web?", "web12", false)]
    [TestCase("10.0.0.*", "10.0.0.7", true)]
    [TestCase("*,!db*", "db1", false)]
    [TestCase("!db1,*", "db1", false)]
    [TestCase("*,!db*", "web1", true)]
    [TestCase("[web1]:2222", "[web1]:2222", true)]
    [TestCase("[web1]:2222", "web1", false)]
    [TestCase("web1", "[web1]:2222", false)]
    [TestCase("[web*]:2222", "[web9]:2222", true)]
    [TestCase("[10.0.0.1]:22", "10.0.0.1", false)]
    public void Matches_PlainPatterns_FollowOpenSsh(string patterns, string lookup, bool expected)
    {
        var entry = KnownHostsParser.Parse(TestKeys.Line(patterns, TestKeys.Blob()), "kh").Single();

        Assert.That(entry.Matches(lookup), Is.EqualTo(expected));
    }

    [TestCase("web1", "web1", true)]
    [TestCase("web1", "web2", false)]
    [TestCase("[127.0.0.1]:2222", "[127.0.0.1]:2222", true)]
    [TestCase("[127.0.0.1]:2222", "127.0.0.1", false)]
    [TestCase("[127.0.0.1]:2222", "[127.0.0.1]:2223", false)]
    public void Matches_HashedNames_ComparesTheHmac(string hashedName, string lookup, bool expected)
    {
        var entry = KnownHostsParser.Parse(TestKeys.Line(TestKeys.Hashed(hashedName), TestKeys.Blob()), "kh").Single();

        Assert.That(entry.IsHashed, Is.True);
        Assert.That(entry.Matches(lookup), Is.EqualTo(expected));
    }

    [Test]
    public void Matches_HashedFieldThatIsNotBase64_MatchesNothing()
    {
        var entry = KnownHostsParser.Parse(TestKeys.Line("|1|%%%|%%%", TestKeys.Blob()), "kh").Single();

        Assert.That(entry.Matches("%%%"), Is.False);
    }
}
