using Provisioner.Bootstrap.Install;

namespace Provisioner.Bootstrap.Tests.Install;

[TestFixture]
public sealed class AgentBinaryTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("prov-bin-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase((byte)0x3E, "linux-x64")]
    [TestCase((byte)0xB7, "linux-arm64")]
    public void Open_ElfHeader_GivesArchitectureAndChecksum(byte machine, string runtime)
    {
        var path = Elf(machine);

        var binary = AgentBinary.Open(path);

        Assert.That(binary.RuntimeId, Is.EqualTo(runtime));
        Assert.That(binary.Sha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))));
    }

    [Test]
    public void Open_ShellScript_IsRefused()
    {
        var path = Path.Combine(_directory, "prov-agent");
        File.WriteAllText(path, "#!/bin/sh\necho hi\n");

        var ex = Assert.Throws<BootstrapException>(() => AgentBinary.Open(path));

        Assert.That(ex!.Message, Does.Contain("not a 64-bit Linux executable"));
    }

    [Test]
    public void For_FileOfOtherArchitecture_IsRefusedNamingBoth()
    {
        var locator = new AgentBinaryLocator(Elf(0xB7));

        var ex = Assert.Throws<UnsupportedHostException>(() => locator.For("web1", "linux-x64"));

        Assert.That(ex!.Message, Does.Contain("linux-x64"));
        Assert.That(ex.Message, Does.Contain("linux-arm64"));
    }

    [Test]
    public void For_Directory_PicksTheHostsArchitecture()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "linux-arm64"));
        File.Move(Elf(0xB7), Path.Combine(_directory, "linux-arm64", "prov-agent"));

        var binary = new AgentBinaryLocator(_directory).For("pi", "linux-arm64");

        Assert.That(binary.Path, Is.EqualTo(Path.Combine(_directory, "linux-arm64", "prov-agent")));
    }

    [Test]
    public void For_MissingDirectoryEntry_SaysHowToPublish()
    {
        var ex = Assert.Throws<BootstrapException>(() => new AgentBinaryLocator(_directory).For("web1", "linux-x64"));

        Assert.That(ex!.Message, Does.Contain("dotnet publish agent/Provisioner.Agent -r linux-x64"));
    }

    private string Elf(byte machine)
    {
        var bytes = new byte[64];
        "\u007fELF"u8.CopyTo(bytes);
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[18] = machine;
        var path = Path.Combine(_directory, $"elf-{machine}");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
