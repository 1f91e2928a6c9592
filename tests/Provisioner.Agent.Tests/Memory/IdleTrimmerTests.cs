using Microsoft.Extensions.Time.Testing;
using Provisioner.Agent.Memory;

namespace Provisioner.Agent.Tests.Memory;

public sealed class IdleTrimmerTests
{
    private FakeTimeProvider _time = null!;
    private int _releases;
    private bool _idle;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _releases = 0;
        _idle = true;
    }

    private IdleTrimmer Trimmer() => new(() => _idle, () => _releases++, TimeSpan.FromSeconds(1), _time);

    [Test]
    public void RunFinished_QuietPeriodPasses_ReleasesOnce()
    {
        using var trimmer = Trimmer();

        trimmer.RunFinished();
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var early = _releases;
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(early, Is.Zero);
        Assert.That(_releases, Is.EqualTo(1));
    }

    [Test]
    public void RunFinished_AgainWithinQuietPeriod_ReleasesOnceAfterTheLast()
    {
        using var trimmer = Trimmer();

        trimmer.RunFinished();
        _time.Advance(TimeSpan.FromMilliseconds(800));
        trimmer.RunFinished();
        _time.Advance(TimeSpan.FromMilliseconds(800));
        var beforeQuiet = _releases;
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.That(beforeQuiet, Is.Zero);
        Assert.That(_releases, Is.EqualTo(1));
    }

    [Test]
    public void RunFinished_RunActiveWhenQuietPeriodEnds_DoesNotRelease()
    {
        using var trimmer = Trimmer();

        trimmer.RunFinished();
        _idle = false;
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.That(_releases, Is.Zero);
    }
}
