using Provisioner.Controller.Dispatch;

namespace Provisioner.Controller.Tests.Dispatch;

public sealed class AgentRunIdsTests
{
    [Test]
    public void For_HostWithOddCharacters_ReplacedWithUnderscore() =>
        Assert.That(AgentRunIds.For("R", 0, "db:1/a b"), Is.EqualTo("R-1-db_1_a_b"));

    [Test]
    public void For_LongHost_CutTo128() =>
        Assert.That(AgentRunIds.For("R", 2, new string('x', 300)), Has.Length.EqualTo(128).And.StartsWith("R-3-x"));

    [Test]
    public void SafeName_LeadingDot_Replaced() => Assert.That(AgentRunIds.SafeName(".hidden"), Is.EqualTo("_hidden"));
}
