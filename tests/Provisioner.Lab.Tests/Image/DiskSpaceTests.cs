using Provisioner.Lab.Image;

namespace Provisioner.Lab.Tests.Image;

public sealed class DiskSpaceTests
{
    [Test]
    public void Require_MoreThanTheDiskHas_SaysWhereHowMuchAndWhatToDo()
    {
        var directory = Path.Combine(Path.GetTempPath(), "prov-lab-not-created-yet", "image");

        var error = Assert.Throws<LabException>(() => DiskSpace.Require(directory, long.MaxValue / 2, "building the base image"));

        Assert.That(error!.Message, Does.StartWith($"not enough free disk space for building the base image: {Path.GetTempPath().TrimEnd('/')} has "));
        Assert.That(error.Message, Does.Contain("free some space"));
    }

    [Test]
    public void Require_Little_Passes()
    {
        Assert.DoesNotThrow(() => DiskSpace.Require(Path.GetTempPath(), 1, "a test"));
    }
}
