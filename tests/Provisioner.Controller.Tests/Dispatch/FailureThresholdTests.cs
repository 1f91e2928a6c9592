using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Planning;

namespace Provisioner.Controller.Tests.Dispatch;

public sealed class FailureThresholdTests
{
    private static CompiledPlay Play(double? maxFail = null, bool anyErrorsFatal = false) => new()
    {
        Index = 0,
        Name = "p",
        Location = new Core.Diagnostics.SourceLocation("site.yml", 1, 3),
        MaxFailPercentage = maxFail,
        AnyErrorsFatal = anyErrorsFatal,
    };

    [Test]
    public void Check_PercentageEqualled_GoesOn() => Assert.That(FailureThreshold.Check(Play(50), 1, 4, 2), Is.Null);

    [Test]
    public void Check_PercentageExceeded_Stops() =>
        Assert.That(FailureThreshold.Check(Play(49), 1, 4, 2), Is.EqualTo("max_fail_percentage 49% exceeded: 2 of 4 hosts in batch 1 failed (50%)"));

    [Test]
    public void Check_ZeroPercentAndOneFailure_Stops() => Assert.That(FailureThreshold.Check(Play(0), 3, 10, 1), Is.Not.Null);

    [Test]
    public void Check_NoThresholdSomeFailed_GoesOn() => Assert.That(FailureThreshold.Check(Play(), 1, 3, 2), Is.Null);

    [Test]
    public void Check_NoThresholdAllFailed_Stops() => Assert.That(FailureThreshold.Check(Play(), 2, 3, 3), Is.EqualTo("every host of batch 2 failed"));

    [Test]
    public void Check_AnyErrorsFatal_StopsOnFirstFailure() => Assert.That(FailureThreshold.Check(Play(anyErrorsFatal: true), 1, 10, 1), Does.StartWith("any_errors_fatal"));

    [Test]
    public void Check_NoFailure_GoesOn() => Assert.That(FailureThreshold.Check(Play(0, anyErrorsFatal: true), 1, 10, 0), Is.Null);
}
