using System.Text;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Seams;

public class LocalFileSystemTests
{
    private const int Nobody = 65534;
    private Scratch _scratch = null!;
    private LocalFileSystem _fs = null!;

    [SetUp]
    public void SetUp()
    {
        _scratch = new Scratch();
        _fs = new LocalFileSystem(new ProcessRunner(TimeProvider.System));
    }

    [TearDown]
    public void TearDown() => _scratch.Dispose();

    [Test]
    public void Stat_KindsModesAndOwners_AreReported()
    {
        File.WriteAllText(_scratch["f"], "abc");
        LibC.Chmod(_scratch["f"], 0b111_101_000);
        Directory.CreateDirectory(_scratch["d"]);
        File.CreateSymbolicLink(_scratch["l"], "f");

        var file = _fs.Stat(_scratch["f"])!;
        Assert.That((file.Kind, file.Mode, file.Uid, file.Size), Is.EqualTo((FileKind.File, 0b111_101_000, 0, 3L)));
        Assert.That(_fs.Stat(_scratch["d"])!.Kind, Is.EqualTo(FileKind.Directory));
        Assert.That(_fs.Stat(_scratch["l"]), Has.Property("Kind").EqualTo(FileKind.Symlink).And.Property("LinkTarget").EqualTo("f"));
        Assert.That(_fs.Stat(_scratch["missing"]), Is.Null);
        Assert.That(_fs.Stat(_scratch["f/below-a-file"]), Is.Null);
    }

    [Test]
    public async Task WriteAtomicAsync_NewFile_HasContentModeAndOwner()
    {
        await _fs.WriteAtomicAsync(_scratch["new"], "hello"u8.ToArray(), new FileWriteOptions { Mode = 0b110_100_000, Uid = Nobody, Gid = Nobody }, CancellationToken.None);

        var stat = _fs.Stat(_scratch["new"])!;
        Assert.That(File.ReadAllText(_scratch["new"]), Is.EqualTo("hello"));
        Assert.That((stat.Mode, stat.Uid, stat.Gid), Is.EqualTo((0b110_100_000, Nobody, Nobody)));
        Assert.That(Directory.GetFiles(_scratch.Root), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public async Task WriteAtomicAsync_ExistingFileWithoutMode_KeepsModeAndOwner()
    {
        File.WriteAllText(_scratch["f"], "old");
        LibC.Chmod(_scratch["f"], 0b110_000_000);
        LibC.LChown(_scratch["f"], Nobody, Nobody);

        await _fs.WriteAtomicAsync(_scratch["f"], "new"u8.ToArray(), new FileWriteOptions(), CancellationToken.None);

        var stat = _fs.Stat(_scratch["f"])!;
        Assert.That(File.ReadAllText(_scratch["f"]), Is.EqualTo("new"));
        Assert.That((stat.Mode, stat.Uid), Is.EqualTo((0b110_000_000, Nobody)));
    }

    [Test]
    public async Task WriteAtomicAsync_ValidatePasses_ChecksTheNewContent()
    {
        File.WriteAllText(_scratch["f"], "old");

        await _fs.WriteAtomicAsync(_scratch["f"], "good\n"u8.ToArray(), new FileWriteOptions { Validate = "grep -q good %s" }, CancellationToken.None);

        Assert.That(File.ReadAllText(_scratch["f"]), Is.EqualTo("good\n"));
    }

    [Test]
    public void WriteAtomicAsync_ValidateFails_LeavesLiveFileAndNoTemporary()
    {
        File.WriteAllText(_scratch["f"], "old");

        Assert.That(
            async () => await _fs.WriteAtomicAsync(_scratch["f"], Encoding.UTF8.GetBytes("bad\n"), new FileWriteOptions { Validate = "grep -q good %s" }, CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("rejected the new content").And.Message.Contains("not changed"));
        Assert.That(File.ReadAllText(_scratch["f"]), Is.EqualTo("old"));
        Assert.That(Directory.GetFiles(_scratch.Root), Has.Length.EqualTo(1));
    }

    [Test]
    public void WriteAtomicAsync_ValidateWithoutPlaceholder_IsRefused()
    {
        Assert.That(
            async () => await _fs.WriteAtomicAsync(_scratch["f"], "x"u8.ToArray(), new FileWriteOptions { Validate = "true" }, CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("%s"));
        Assert.That(File.Exists(_scratch["f"]), Is.False);
    }

    [Test]
    public void WriteAtomicAsync_MissingDirectory_SaysSo()
    {
        Assert.That(
            async () => await _fs.WriteAtomicAsync(_scratch["no/f"], "x"u8.ToArray(), new FileWriteOptions(), CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("does not exist"));
    }

    [TestCase("relative/path", "must be absolute")]
    [TestCase("/tmp/../etc/passwd", "'..'")]
    public void Stat_UnsafePath_IsRefused(string path, string expected)
    {
        Assert.That(() => _fs.Stat(path), Throws.InstanceOf<ModuleException>().With.Message.Contains(expected));
    }

    [Test]
    public void WriteAtomicAsync_SymlinkedParent_IsRefusedNamingTheRealPath()
    {
        Directory.CreateDirectory(_scratch["real"]);
        File.CreateSymbolicLink(_scratch["link"], _scratch["real"]);

        Assert.That(
            async () => await _fs.WriteAtomicAsync(_scratch["link/f"], "x"u8.ToArray(), new FileWriteOptions(), CancellationToken.None),
            Throws.InstanceOf<ModuleException>().With.Message.Contains("symbolic link").And.Message.Contains(_scratch["real/f"]));
        Assert.That(File.Exists(_scratch["real/f"]), Is.False);
    }

    [Test]
    public void DirectoriesLinksAndDelete_WorkAsDescribed()
    {
        _fs.CreateDirectory(_scratch["d"], 0b111_000_000);
        _fs.CreateSymlink(_scratch["d/l"], "/etc/hostname");
        File.WriteAllText(_scratch["d/a"], "a");

        Assert.That(_fs.Stat(_scratch["d"])!.Mode, Is.EqualTo(0b111_000_000));
        Assert.That(_fs.List(_scratch["d"]), Is.EqualTo(new[] { _scratch["d/a"], _scratch["d/l"] }));
        Assert.That(() => _fs.SetMode(_scratch["d/l"], 0), Throws.InstanceOf<ModuleException>());

        _fs.Delete(_scratch["d"], recursive: true);
        _fs.Delete(_scratch["d"], recursive: true);

        Assert.That(Directory.Exists(_scratch["d"]), Is.False);
        Assert.That(File.Exists("/etc/hostname"), Is.True, "links are removed, not followed");
    }

    [Test]
    public void SetOwner_Link_ChangesTheLinkNotItsTarget()
    {
        File.WriteAllText(_scratch["t"], "t");
        _fs.CreateSymlink(_scratch["l"], _scratch["t"]);

        _fs.SetOwner(_scratch["l"], Nobody, -1);

        Assert.That(_fs.Stat(_scratch["l"])!.Uid, Is.EqualTo(Nobody));
        Assert.That(_fs.Stat(_scratch["t"])!.Uid, Is.Zero);
    }

    [Test]
    public void CopyFile_KeepsModeAndOwner()
    {
        File.WriteAllText(_scratch["a"], "a");
        _fs.SetMode(_scratch["a"], 0b110_100_000);
        _fs.SetOwner(_scratch["a"], Nobody, Nobody);

        _fs.CopyFile(_scratch["a"], _scratch["b"]);

        var stat = _fs.Stat(_scratch["b"])!;
        Assert.That((stat.Mode, stat.Uid, stat.Gid, File.ReadAllText(_scratch["b"])), Is.EqualTo((0b110_100_000, Nobody, Nobody, "a")));
    }

    [Test]
    public void ResolveAndName_UsersAndGroups_ReadTheAccountDatabases()
    {
        Assert.That(_fs.ResolveUser("root"), Is.Zero);
        Assert.That(_fs.ResolveUser("1234"), Is.EqualTo(1234));
        Assert.That(_fs.ResolveUser("no-such-user-xyz"), Is.Null);
        Assert.That(_fs.ResolveGroup("root"), Is.Zero);
        Assert.That(_fs.UserName(0), Is.EqualTo("root"));
        Assert.That(_fs.GroupName(Nobody), Is.EqualTo("nogroup"));
        Assert.That(_fs.UserName(4242424), Is.Null);
    }
}
