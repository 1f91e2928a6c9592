using Provisioner.Modules.Packages;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Packages;

public sealed class AptIndexTests
{
    private Scratch _scratch = null!;
    private LocalFileSystem _fs = null!;

    private string Stamp => _scratch["update-success-stamp"];

    private string Lists => _scratch["lists"];

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _fs = new LocalFileSystem(new ProcessRunner(TimeProvider.System));
        Directory.CreateDirectory(Path.Combine(Lists, "partial"));
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public void LastRefresh_StampPresent_IsTheStampsTime()
    {
        File.WriteAllText(Stamp, string.Empty);
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Stamp, at);

        Assert.That(AptIndex.LastRefresh(_fs, Stamp, Lists), Is.EqualTo(new DateTimeOffset(at)));
    }

    [Test]
    public void LastRefresh_NoStampButPackageLists_IsTheListsDirectorysTime()
    {
        File.WriteAllText(Path.Combine(Lists, "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"), "Package: x\n");

        Assert.That(AptIndex.LastRefresh(_fs, Stamp, Lists), Is.EqualTo(new DateTimeOffset(Directory.GetLastWriteTimeUtc(Lists))));
    }

    [Test]
    public void LastRefresh_FailedUpdateLeftOnlyReleaseFiles_IsNeverRefreshed()
    {
        // What an apt-get update that died half-way leaves: release files and a lock, a fresh directory time, no lists.
        File.WriteAllText(Path.Combine(Lists, "deb.debian.org_debian_dists_bookworm_InRelease"), "x");
        File.WriteAllText(Path.Combine(Lists, "lock"), string.Empty);

        Assert.That(AptIndex.LastRefresh(_fs, Stamp, Lists), Is.Null);
    }

    [Test]
    public void LastRefresh_NoListsDirectory_IsNeverRefreshed() =>
        Assert.That(AptIndex.LastRefresh(_fs, Stamp, _scratch["missing"]), Is.Null);
}
