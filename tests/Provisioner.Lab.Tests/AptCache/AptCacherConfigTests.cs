using Provisioner.Lab.AptCache;

namespace Provisioner.Lab.Tests.AptCache;

public sealed class AptCacherConfigTests
{
    [Test]
    public void Render_Gateway_BindsOnlyThereInForegroundWithoutRemaps()
    {
        var text = AptCacherConfig.Render("/s/apt-cacher-ng/cache", "/s/apt-cacher-ng/log", "10.213.77.1", "/run/prov-lab-x-acng.sock");

        var settings = text.Split('\n')
            .Where(l => l.Contains(':', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        Assert.That(settings, Is.EqualTo(new Dictionary<string, string>
        {
            ["CacheDir"] = "/s/apt-cacher-ng/cache",
            ["LogDir"] = "/s/apt-cacher-ng/log",
            ["SupportDir"] = "/usr/lib/apt-cacher-ng",
            ["Port"] = "3142",
            ["BindAddress"] = "10.213.77.1",
            ["SocketPath"] = "/run/prov-lab-x-acng.sock",
            ["ForeGround"] = "1",
        }));
        Assert.That(text, Does.Not.Contain("Remap"));
    }
}
