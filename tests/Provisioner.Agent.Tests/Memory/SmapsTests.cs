using Provisioner.Agent.Memory;

namespace Provisioner.Agent.Tests.Memory;

public sealed class SmapsTests
{
    // Taken from a serving prov-agent: its binary's mappings, some anonymous ones, one of libc.
    private static readonly string[] ServingAgent =
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "cases", "memory", "serving-agent.smaps"));

    [Test]
    public void CleanReadOnlyMappings_ServingAgent_ReturnsTheBinarysUnwrittenReadOnlyMappingsOnly()
    {
        var clean = Smaps.CleanReadOnlyMappings(ServingAgent, "/usr/local/bin/prov-agent");

        Assert.That(clean.Select(r => $"{r.Start:x}-{r.End:x} {r.Permissions}"), Is.EqualTo(new[]
        {
            "56462992b000-56462994e000 r--p",
            "56462994e000-56462a1ce000 r-xp",
            "56462a1ce000-56462a732000 r--p",
            "56462a733000-56462aa8b000 r--p",
        }), "the two read-only mappings with anonymous pages (written before being made read-only) and the writable ones are left out");
        Assert.That(clean.Sum(r => r.Length), Is.EqualTo(0x56462aa8b000 - 0x56462992b000 - 0x1000));
    }

    [Test]
    public void CleanReadOnlyMappings_OtherPath_ReturnsNothing()
    {
        Assert.That(Smaps.CleanReadOnlyMappings(ServingAgent, "/usr/local/bin/prov-agent2"), Is.Empty);
    }

    [Test]
    public void CleanReadOnlyMappings_MappingWithoutAnonymousLine_IsLeftOut()
    {
        string[] lines =
        [
            "00400000-00500000 r-xp 00000000 fe:00 12 /opt/a",
            "Rss:                 140 kB",
            "00500000-00600000 r--p 00100000 fe:00 12 /opt/a",
            "Anonymous:             0 kB",
        ];

        var clean = Smaps.CleanReadOnlyMappings(lines, "/opt/a");

        Assert.That(clean, Is.EqualTo(new[] { new MappedRange(0x500000, 0x600000, "r--p") }),
            "only a mapping known to have no anonymous page may be dropped");
    }
}
