using Provisioner.Bootstrap.Install;

namespace Provisioner.Bootstrap.Tests.Install;

[TestFixture]
public sealed class PlatformParserTests
{
    private const string Debian12 = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        ID=debian
        """;

    private const string Ubuntu = """
        NAME="Ubuntu"
        VERSION_ID="24.04"
        ID=ubuntu
        ID_LIKE=debian
        PRETTY_NAME="Ubuntu 24.04.1 LTS"
        """;

    [Test]
    public void Parse_DebianOnX86_64_IsLinuxX64()
    {
        var platform = PlatformParser.Parse("h", "Linux x86_64\n", Debian12, InitSystem.Systemd);

        Assert.That(platform, Is.EqualTo(new HostPlatform("debian", "12", "Debian GNU/Linux 12 (bookworm)", "x86_64", "linux-x64", InitSystem.Systemd)));
    }

    [Test]
    public void Parse_UbuntuOnAarch64_IsLinuxArm64()
    {
        var platform = PlatformParser.Parse("h", "Linux aarch64", Ubuntu, InitSystem.SysVInit);

        Assert.That(platform.RuntimeId, Is.EqualTo("linux-arm64"));
        Assert.That(platform.OsId, Is.EqualTo("ubuntu"));
    }

    [TestCase("Linux armv7l", "armv7l")]
    [TestCase("Linux riscv64", "riscv64")]
    public void Parse_OtherArchitecture_IsRefusedNamingIt(string uname, string machine)
    {
        var ex = Assert.Throws<UnsupportedHostException>(() => PlatformParser.Parse("web1", uname, Debian12, InitSystem.Systemd));

        Assert.That(ex!.Message, Does.StartWith("web1: "));
        Assert.That(ex.Message, Does.Contain(machine));
        Assert.That(ex.Message, Does.Contain("x86_64"));
    }

    [Test]
    public void Parse_NonDebianDistribution_IsRefusedNamingIt()
    {
        const string Fedora = "NAME=\"Fedora Linux\"\nID=fedora\nPRETTY_NAME=\"Fedora Linux 40 (Server Edition)\"\n";

        var ex = Assert.Throws<UnsupportedHostException>(() => PlatformParser.Parse("web1", "Linux x86_64", Fedora, InitSystem.Systemd));

        Assert.That(ex!.Message, Does.Contain("Fedora Linux 40 (Server Edition)"));
        Assert.That(ex.Message, Does.Contain("Debian"));
    }

    [Test]
    public void Parse_NotLinux_IsRefused()
    {
        var ex = Assert.Throws<UnsupportedHostException>(() => PlatformParser.Parse("bsd1", "FreeBSD amd64", Debian12, InitSystem.SysVInit));

        Assert.That(ex!.Message, Does.Contain("FreeBSD"));
    }

    [Test]
    public void OsRelease_QuotedValuesWithEscapes_AreUnquoted()
    {
        var fields = PlatformParser.OsRelease("# comment\nA=\"x \\\"y\\\" \\$z\"\nB='single'\nC=plain\nbroken line\n");

        Assert.That(fields, Is.EqualTo(new Dictionary<string, string> { ["A"] = "x \"y\" $z", ["B"] = "single", ["C"] = "plain" }));
    }
}
