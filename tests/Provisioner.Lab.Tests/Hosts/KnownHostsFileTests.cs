using Provisioner.Lab.Hosts;

namespace Provisioner.Lab.Tests.Hosts;

public sealed class KnownHostsFileTests
{
    private const string Keyscan = """
        # 10.213.77.11:22 SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3
        10.213.77.11 ssh-rsa AAAArsa11
        10.213.77.11 ecdsa-sha2-nistp256 AAAAecdsa11
        10.213.77.12 ssh-ed25519 AAAAed12
        10.213.77.11 ssh-ed25519 AAAAed11
        """;

    [Test]
    public void ParseKeyscan_Address_KeepsOnlyThatHostsKeysSorted()
    {
        var lines = KnownHostsFile.ParseKeyscan(Keyscan, "10.213.77.11");

        Assert.That(lines, Is.EqualTo(new[]
        {
            "10.213.77.11 ecdsa-sha2-nistp256 AAAAecdsa11",
            "10.213.77.11 ssh-ed25519 AAAAed11",
            "10.213.77.11 ssh-rsa AAAArsa11",
        }));
    }

    [Test]
    public void ParseKeyscan_PrefixOfAnotherAddress_DoesNotMatch()
    {
        Assert.That(KnownHostsFile.ParseKeyscan("10.213.77.111 ssh-ed25519 AAAA\n", "10.213.77.11"), Is.Empty);
    }

    [Test]
    public void Replace_ResetHost_SwapsItsLinesAndKeepsOthers()
    {
        var existing = "10.213.77.11 ssh-ed25519 OLD11\n10.213.77.12 ssh-ed25519 KEEP12\n10.213.77.11 ssh-rsa OLDRSA11\n";

        var updated = KnownHostsFile.Replace(existing, "10.213.77.11", ["10.213.77.11 ssh-ed25519 NEW11"]);

        Assert.That(updated, Is.EqualTo("10.213.77.12 ssh-ed25519 KEEP12\n10.213.77.11 ssh-ed25519 NEW11\n"));
    }
}
