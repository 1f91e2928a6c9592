using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests.Docker;

public class ImageArchiveTests
{
    private readonly LocalFileSystem _fs = new(new ProcessRunner(TimeProvider.System));

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public async Task ReadAsync_DockerSaveArchive_GivesTheImageIdAndTags(bool gzip, bool manifestFirst)
    {
        using var scratch = new Scratch();
        var saved = TestArchives.WriteDockerSave(scratch["image.tar"], "web:1", gzip, manifestFirst);

        var archive = await ImageArchive.ReadAsync(_fs, scratch["image.tar"], CancellationToken.None);

        Assert.That(archive.Id, Is.EqualTo(saved.Id));
        Assert.That(archive.RepoTags, Is.EqualTo(new[] { "web:1" }));
    }

    [Test]
    public void ReadAsync_NotAnArchive_FailsSayingSo()
    {
        using var scratch = new Scratch();
        File.WriteAllText(scratch["image.tar"], "this is not a tar file at all, but it is long enough to look at: " + new string('x', 600));

        Assert.That(
            async () => await ImageArchive.ReadAsync(_fs, scratch["image.tar"], CancellationToken.None),
            Throws.TypeOf<ModuleException>().With.Message.StartsWith($"load_path {scratch["image.tar"]}: not a"));
    }

    [Test]
    public void ReadAsync_MissingFile_SaysHowToGetItThere()
    {
        using var scratch = new Scratch();

        Assert.That(
            async () => await ImageArchive.ReadAsync(_fs, scratch["missing.tar"], CancellationToken.None),
            Throws.TypeOf<ModuleException>().With.Message.EqualTo($"load_path {scratch["missing.tar"]}: no such file on this host; copy the archive there first (copy module), or fix the path"));
    }
}
