using Provisioner.Lab.Image;

namespace Provisioner.Lab.Tests.Image;

public sealed class MountTableTests
{
    private const string Mounts = """
        /dev/vda / ext4 rw,relatime 0 0
        proc /s/image/rootfs.partial/proc proc rw 0 0
        prov-lab-build /s/image/rootfs.partial tmpfs rw,size=1572864k 0 0
        sysfs /s/image/rootfs.partial/sys sysfs rw 0 0
        tmpfs /s/image/rootfs.partial2 tmpfs rw 0 0
        tmpfs /s/with\040space tmpfs rw 0 0
        """;

    [Test]
    public void Under_Directory_ListsItsMountsDeepestFirstAndNotSiblings()
    {
        var under = MountTable.Under("/s/image/rootfs.partial", MountTable.MountPoints(Mounts));

        Assert.That(under, Is.EqualTo(new[] { "/s/image/rootfs.partial/proc", "/s/image/rootfs.partial/sys", "/s/image/rootfs.partial" }));
    }

    [Test]
    public void MountPoints_OctalEscapes_AreDecoded()
    {
        Assert.That(MountTable.MountPoints(Mounts), Has.Member("/s/with space"));
    }
}
