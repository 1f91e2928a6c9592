using Provisioner.Lab.Image;

namespace Provisioner.Lab.Tests.Image;

public sealed class BaseImageRecipeTests
{
    [Test]
    public void Fingerprint_NamesTarballAndImageTag()
    {
        Assert.That(BaseImageRecipe.Fingerprint, Does.Match("^r[0-9]+-[0-9a-f]{10}$"));
        Assert.That(BaseImageRecipe.TarballName, Is.EqualTo($"debian12-{BaseImageRecipe.Fingerprint}.tar.zst"));
        Assert.That(BaseImageRecipe.ImageTag, Is.EqualTo("prov-lab/debian12:" + BaseImageRecipe.Fingerprint));
    }

    [Test]
    public void ImportChanges_OnlyUseInstructionsDockerImportAccepts()
    {
        // docker import rejects STOPSIGNAL ("not a valid change command"); the containers set it instead.
        var allowed = new[] { "CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "ONBUILD", "USER", "VOLUME", "WORKDIR" };

        Assert.That(BaseImageRecipe.ImportChanges.Select(c => c.Split(' ')[0]), Is.All.AnyOf(allowed));
        Assert.That(BaseImageRecipe.ImportChanges, Has.Member("CMD [\"/sbin/init\"]"));
        Assert.That(BaseImageRecipe.ImportChanges, Has.Member("ENV container=docker"));
    }

    [Test]
    public void Packages_IncludeWhatTheHostsNeed()
    {
        Assert.That(BaseImageRecipe.Packages, Is.EquivalentTo(new[] { "openssh-server", "systemd-sysv", "iproute2", "ca-certificates", "python3" }));
    }
}
