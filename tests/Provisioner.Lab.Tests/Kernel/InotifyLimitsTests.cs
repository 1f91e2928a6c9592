using Provisioner.Lab.Kernel;

namespace Provisioner.Lab.Tests.Kernel;

public sealed class InotifyLimitsTests
{
    [TestCase(128, 3, 1024)]
    [TestCase(128, 10, 1024)]
    [TestCase(128, 20, 1536)]
    [TestCase(1000, 10, 1024)]
    public void RaiseTo_BelowRequired_ReturnsTheRequiredLimit(int current, int hosts, int expected) =>
        Assert.That(InotifyLimits.RaiseTo(current, hosts), Is.EqualTo(expected));

    [TestCase(1024, 10)]
    [TestCase(65536, 20)]
    public void RaiseTo_HighEnough_NeverLowers(int current, int hosts) =>
        Assert.That(InotifyLimits.RaiseTo(current, hosts), Is.Null);

    [Test]
    public void Ensure_LowLimitInFile_WritesTheNewLimitAndReportsBoth()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "128\n");

            var raised = InotifyLimits.Ensure(10, path);

            Assert.That(raised, Is.EqualTo((128, 1024)));
            Assert.That(File.ReadAllText(path), Is.EqualTo("1024\n"));
            Assert.That(InotifyLimits.Ensure(10, path), Is.Null, "a second up changes nothing");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
