using Provisioner.Lab.Mirror;

namespace Provisioner.Lab.Tests.Mirror;

public sealed class AptSourcesParserTests
{
    [Test]
    public void ParseOneLine_OptionsAndComments_ReadsUriSuiteAndComponents()
    {
        var sources = AptSourcesParser.ParseOneLine(
            "# comment\ndeb [arch=amd64 signed-by=/k.gpg] http://a.example.org/debian bookworm main contrib # trailing\n\ndeb-src http://a.example.org/debian bookworm main\n",
            "sources.list");

        Assert.That(sources, Has.Count.EqualTo(2));
        Assert.That(sources[0].Uri, Is.EqualTo("http://a.example.org/debian"));
        Assert.That(sources[0].Suites, Is.EqualTo(new[] { "bookworm" }));
        Assert.That(sources[0].Components, Is.EqualTo(new[] { "main", "contrib" }));
        Assert.That(sources[0].Origin, Is.EqualTo("sources.list:2"));
        Assert.That(sources[1].IsBinary, Is.False);
    }

    [Test]
    public void ParseOneLine_SpacedOptionBrackets_SkipsAllOptions()
    {
        var sources = AptSourcesParser.ParseOneLine("deb [ arch=amd64 trusted=yes ] http://b.example.org/debian bookworm main", "x.list");

        Assert.That(sources.Single().Uri, Is.EqualTo("http://b.example.org/debian"));
    }

    [Test]
    public void ParseDeb822_ContinuationLinesAndEnabledNo_AreHonoured()
    {
        var sources = AptSourcesParser.ParseDeb822(
            "Types: deb\nURIs: http://c.example.org/debian\nSuites:\n bookworm\n bookworm-updates\nComponents: main\nEnabled: no\n\n# comment\nTypes: deb deb-src\nURIs: http://d.example.org/debian http://e.example.org/debian\nSuites: bookworm\nComponents: main\n",
            "debian.sources");

        Assert.That(sources, Has.Count.EqualTo(3));
        Assert.That(sources[0].Enabled, Is.False);
        Assert.That(sources[0].Suites, Is.EqualTo(new[] { "bookworm", "bookworm-updates" }));
        Assert.That(sources[1].Types, Is.EqualTo(new[] { "deb", "deb-src" }));
        Assert.That(sources.Skip(1).Select(s => s.Uri), Is.EqualTo(new[] { "http://d.example.org/debian", "http://e.example.org/debian" }));
        Assert.That(sources[2].Origin, Is.EqualTo("debian.sources:10"));
    }

    [Test]
    public void FromOption_HttpsMirror_IsRefusedWithReason()
    {
        var error = Assert.Throws<LabException>(() => MirrorSelector.FromOption("https://f.example.org/debian"));

        Assert.That(error!.Message, Does.Contain("http://"));
    }
}
