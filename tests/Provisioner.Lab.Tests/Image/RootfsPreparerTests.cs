using System.Runtime.Versioning;
using Provisioner.Lab.Image;
using Provisioner.Lab.Mirror;

namespace Provisioner.Lab.Tests.Image;

[SupportedOSPlatform("linux")]
public sealed class RootfsPreparerTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFakeDebootstrapTree()
    {
        _root = Directory.CreateTempSubdirectory("prov-lab-rootfs-").FullName;
        foreach (var directory in new[] { "etc/ssh/sshd_config.d", "etc/systemd/system", "etc/apt/apt.conf.d", "var/lib/apt/lists/partial", "var/cache/apt/archives/partial", "var/lib/dbus", "root" })
        {
            Directory.CreateDirectory(Path.Combine(_root, directory));
        }

        File.WriteAllText(Path.Combine(_root, "etc/ssh/ssh_host_ed25519_key"), "secret");
        File.WriteAllText(Path.Combine(_root, "etc/ssh/ssh_host_ed25519_key.pub"), "public");
        File.WriteAllText(Path.Combine(_root, "etc/ssh/sshd_config"), "# stock");
        File.WriteAllText(Path.Combine(_root, "etc/machine-id"), "b3b7a4aa31914743834c11fe28312b62\n");
        File.WriteAllText(Path.Combine(_root, "var/lib/dbus/machine-id"), "b3b7a4aa31914743834c11fe28312b62\n");
        File.WriteAllText(Path.Combine(_root, "var/lib/apt/lists/deb.example.org_debian_dists_bookworm_InRelease"), "x");
        File.WriteAllText(Path.Combine(_root, "var/lib/apt/lists/lock"), string.Empty);
        File.WriteAllText(Path.Combine(_root, "var/cache/apt/archives/openssh-server_9.2_amd64.deb"), "x");
        File.WriteAllText(Path.Combine(_root, "var/cache/apt/pkgcache.bin"), "x");
    }

    [TearDown]
    public void RemoveTree() => Directory.Delete(_root, recursive: true);

    [Test]
    public void Prepare_FreshTree_RemovesHostKeysAndMachineIdentity()
    {
        RootfsPreparer.Prepare(_root, Mirror());

        Assert.That(Directory.EnumerateFiles(Path.Combine(_root, "etc/ssh"), "ssh_host_*"), Is.Empty);
        Assert.That(File.ReadAllText(Path.Combine(_root, "etc/machine-id")), Is.Empty);
        Assert.That(File.Exists(Path.Combine(_root, "var/lib/dbus/machine-id")), Is.False);
        Assert.That(File.GetUnixFileMode(Path.Combine(_root, "root/.ssh")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
    }

    [Test]
    public void Prepare_FreshTree_GeneratesHostKeysAtBootBeforeSsh()
    {
        RootfsPreparer.Prepare(_root, Mirror());

        var unit = File.ReadAllText(Path.Combine(_root, "etc/systemd/system", BaseImageRecipe.HostKeyUnit));
        Assert.That(unit, Does.Contain("ExecStart=/usr/bin/ssh-keygen -A"));
        Assert.That(unit, Does.Contain("Before=ssh.service"));
        foreach (var wants in new[] { "multi-user.target.wants", "ssh.service.wants" })
        {
            Assert.That(new FileInfo(Path.Combine(_root, "etc/systemd/system", wants, BaseImageRecipe.HostKeyUnit)).LinkTarget, Is.EqualTo("/etc/systemd/system/" + BaseImageRecipe.HostKeyUnit));
        }
    }

    [Test]
    public void Prepare_FreshTree_MasksContainerHostileUnits()
    {
        RootfsPreparer.Prepare(_root, Mirror());

        foreach (var unit in new[] { "getty@tty1.service", "console-getty.service", "systemd-remount-fs.service", "dev-hugepages.mount", "sys-fs-fuse-connections.mount", "systemd-logind.service" })
        {
            Assert.That(new FileInfo(Path.Combine(_root, "etc/systemd/system", unit)).LinkTarget, Is.EqualTo("/dev/null"), unit);
        }
    }

    [Test]
    public void Prepare_FreshTree_SendsAptThroughTheLabProxyAndCleansCaches()
    {
        RootfsPreparer.Prepare(_root, Mirror());

        Assert.That(File.ReadAllText(Path.Combine(_root, "etc/apt/apt.conf.d/01prov-lab-proxy")), Is.EqualTo("Acquire::http::Proxy \"http://prov-lab-apt-proxy:3142\";\n"));
        Assert.That(File.ReadAllText(Path.Combine(_root, "etc/apt/sources.list")), Is.EqualTo("deb http://mirror.example.org/debian bookworm main\ndeb http://mirror.example.org/debian bookworm-updates main\n"));
        Assert.That(File.ReadAllText(Path.Combine(_root, "etc/ssh/sshd_config.d/prov-lab.conf")), Does.Contain("PermitRootLogin prohibit-password"));
        Assert.That(Directory.EnumerateFiles(Path.Combine(_root, "var/lib/apt/lists")).Select(Path.GetFileName), Is.EqualTo(new[] { "lock" }));
        Assert.That(Directory.EnumerateFiles(Path.Combine(_root, "var/cache/apt/archives")), Is.Empty);
        Assert.That(File.Exists(Path.Combine(_root, "var/cache/apt/pkgcache.bin")), Is.False);
    }

    [Test]
    public void Prepare_SymlinkedEtcSsh_RefusesToWriteOutsideTheTree()
    {
        var outside = Directory.CreateTempSubdirectory("prov-lab-outside-").FullName;
        try
        {
            Directory.Delete(Path.Combine(_root, "etc/ssh"), recursive: true);
            Directory.CreateSymbolicLink(Path.Combine(_root, "etc/ssh"), outside);

            Assert.That(() => RootfsPreparer.Prepare(_root, Mirror()), Throws.TypeOf<LabException>().With.Message.Contains("symlink"));
            Assert.That(Directory.EnumerateFileSystemEntries(outside), Is.Empty);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private static DebianMirror Mirror() => new("http://mirror.example.org/debian", HasUpdates: true, Security: null, Origin: "test");
}
