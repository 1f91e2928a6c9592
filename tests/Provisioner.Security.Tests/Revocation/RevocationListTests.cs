using Provisioner.Security.Certificates;
using Provisioner.Security.Revocation;
using Serilog;

namespace Provisioner.Security.Tests.Revocation;

public sealed class RevocationListTests
{
    [Test]
    public void Load_FreshCa_EmptyAndSigned()
    {
        using var ca = new TestCa();

        var list = RevocationList.Load(ca.Layout.RevocationList, ca.Authority.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(list.Revoked, Is.Empty);
            Assert.That(list.Number, Is.EqualTo(System.Numerics.BigInteger.One));
        });
    }

    [Test]
    public void Load_AfterRevoke_ContainsTheSerialAndTime()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        var serial = PeerIdentity.FromCertificate(agent.Certificate).Serial;

        ca.Authority.RevokeName("web1");
        var list = RevocationList.Load(ca.Layout.RevocationList, ca.Authority.Certificate);

        Assert.Multiple(() =>
        {
            Assert.That(list.IsRevoked(serial, out var at), Is.True);
            Assert.That(at, Is.EqualTo(ca.Time.GetUtcNow()));
        });
    }

    [Test]
    public void Load_ListOfAnotherCa_RefusedAsNotFromThisCa()
    {
        using var ca = new TestCa();
        using var other = new TestCa();

        var ex = Assert.Throws<SecurityFileException>(() => RevocationList.Load(other.Layout.RevocationList, ca.Authority.Certificate));

        Assert.That(ex!.Message, Does.Contain("does not verify").Or.Contain("not from the CA"));
    }

    [Test]
    public void Load_AlteredList_SignatureRefused()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        ca.Authority.RevokeName("web1");
        var der = Der(ca.Layout.RevocationList);
        // Flip one bit of the revoked serial inside the signed part: the list no longer verifies.
        var serial = Convert.FromHexString(PeerIdentity.FromCertificate(agent.Certificate).Serial);
        var at = der.AsSpan().IndexOf(serial);
        der[at + serial.Length - 1] ^= 0x01;

        var ex = Assert.Throws<SecurityFileException>(() => RevocationList.Parse(der, ca.Authority.Certificate, "altered.crl"));

        Assert.That(ex!.Message, Does.Contain("does not verify"));
    }

    [Test]
    public void Load_Garbage_RefusedAsNotAList()
    {
        using var ca = new TestCa();

        var ex = Assert.Throws<SecurityFileException>(() => RevocationList.Parse("not a crl"u8.ToArray(), ca.Authority.Certificate, "x.crl"));

        Assert.That(ex!.Message, Does.StartWith("x.crl: not a valid X.509 revocation list"));
    }

    [Test]
    public void Load_MissingFile_SaysWhereToGetIt()
    {
        using var ca = new TestCa();

        var ex = Assert.Throws<SecurityFileException>(() => RevocationList.Load(ca.Path("nope.crl"), ca.Authority.Certificate));

        Assert.That(ex!.Message, Does.Contain("revoked.crl"));
    }

    [Test]
    public void RevocationListFile_ReplacedWithNewerList_PicksItUp()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        var copy = ca.Path("agent-revoked.crl");
        File.Copy(ca.Layout.RevocationList, copy);
        var source = new RevocationListFile(copy, ca.Authority.Certificate, new LoggerConfiguration().CreateLogger());
        Assert.That(source.Current.Revoked, Is.Empty);

        ca.Authority.RevokeName("web1");
        File.Copy(ca.Layout.RevocationList, copy, overwrite: true);

        Assert.That(source.Current.Revoked.Keys, Is.EqualTo(new[] { PeerIdentity.FromCertificate(agent.Certificate).Serial }));
    }

    [Test]
    public void RevocationListFile_ReplacedWithOlderOrBrokenList_KeepsTheNewerOne()
    {
        using var ca = new TestCa();
        using var agent = ca.Authority.IssueAgent("web1");
        var older = File.ReadAllBytes(ca.Layout.RevocationList);
        ca.Authority.RevokeName("web1");
        var copy = ca.Path("agent-revoked.crl");
        File.Copy(ca.Layout.RevocationList, copy);
        var source = new RevocationListFile(copy, ca.Authority.Certificate, new LoggerConfiguration().CreateLogger());

        File.WriteAllBytes(copy, older);
        var afterRollback = source.Current.Revoked.Count;
        File.WriteAllText(copy, "garbage, and longer than before to change the size................................................");
        var afterGarbage = source.Current.Revoked.Count;

        Assert.Multiple(() =>
        {
            Assert.That(afterRollback, Is.EqualTo(1));
            Assert.That(afterGarbage, Is.EqualTo(1));
        });
    }

    private static byte[] Der(string pemPath)
    {
        var text = File.ReadAllText(pemPath);
        var fields = System.Security.Cryptography.PemEncoding.Find(text);
        return Convert.FromBase64String(text[fields.Base64Data]);
    }
}
