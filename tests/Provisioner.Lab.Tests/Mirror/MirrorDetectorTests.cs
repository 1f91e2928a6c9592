using Provisioner.Lab.Mirror;

namespace Provisioner.Lab.Tests.Mirror;

public sealed class MirrorDetectorTests
{
    private static readonly string CasesDirectory = Path.Combine(AppContext.BaseDirectory, "cases", "apt-sources");

    public static IEnumerable<TestCaseData> Cases() =>
        Directory.EnumerateDirectories(CasesDirectory)
            .Order(StringComparer.Ordinal)
            .Select(d => new TestCaseData(Path.GetFileName(d)).SetName("Detect_" + Path.GetFileName(d)));

    [TestCaseSource(nameof(Cases))]
    public void Detect_Case_MatchesExpectedSourcesList(string name)
    {
        var directory = Path.Combine(CasesDirectory, name);
        var expected = File.ReadAllText(Path.Combine(directory, "expected.list"));
        var root = Path.Combine(directory, "root");

        if (expected.Trim() == "none")
        {
            var error = Assert.Throws<LabException>(() => MirrorDetector.Detect(root, "bookworm"));
            Assert.That(error!.Message, Does.Contain("--mirror"));
        }
        else
        {
            Assert.That(MirrorDetector.Detect(root, "bookworm").SourcesList("bookworm"), Is.EqualTo(expected));
        }
    }

    [Test]
    public void ReadSources_FilesWithOtherExtensions_AreIgnoredLikeApt()
    {
        var sources = MirrorDetector.ReadSources(Path.Combine(CasesDirectory, "deb822-with-snapshot-comments", "root"));

        Assert.That(sources.Select(s => s.Uri), Has.None.Contains("other.example.net"));
        Assert.That(sources.Select(s => s.Uri), Has.Some.Contains("nodesource"));
    }

    [Test]
    public void Detect_ThisMachine_FindsAnHttpArchive()
    {
        // The lab reads the mirror from this machine's own apt sources at run time.
        if (!File.Exists("/etc/apt/sources.list") && !Directory.Exists("/etc/apt/sources.list.d"))
        {
            Assert.Ignore("this machine has no apt sources");
        }

        var mirror = MirrorDetector.Detect("/", "bookworm");

        Assert.That(mirror.Archive, Does.StartWith("http://"));
        Assert.That(mirror.Origin, Does.StartWith("/etc/apt/"));
    }
}
