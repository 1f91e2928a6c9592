using Provisioner.Controller.Dispatch;
using Provisioner.Core.Playbooks;

namespace Provisioner.Controller.Tests.Dispatch;

public sealed class BatchesTests
{
    private static readonly string[] Ten = TestPlaybook.Numbered(10);

    private static int[] Sizes(params BatchSize[] serial) => Batches.Split(Ten, serial).Select(b => b.Count).ToArray();

    [Test]
    public void Split_NoSerial_OneBatch() => Assert.That(Sizes(), Is.EqualTo(new[] { 10 }));

    [Test]
    public void Split_Count_RepeatsUntilAllHosts() => Assert.That(Sizes(BatchSize.OfCount(3)), Is.EqualTo(new[] { 3, 3, 3, 1 }));

    [Test]
    public void Split_Percentage_OfThePlaysHostsRoundedDown() => Assert.That(Sizes(BatchSize.OfPercent(25)), Is.EqualTo(new[] { 2, 2, 2, 2, 2 }));

    [Test]
    public void Split_SmallPercentage_AtLeastOneHost() => Assert.That(Sizes(BatchSize.OfPercent(5)), Is.EqualTo(Enumerable.Repeat(1, 10)));

    [Test]
    public void Split_List_LastSizeRepeats() =>
        Assert.That(Sizes(BatchSize.OfCount(1), BatchSize.OfCount(2), BatchSize.OfPercent(50)), Is.EqualTo(new[] { 1, 2, 5, 2 }));

    [Test]
    public void Split_Batches_KeepHostOrder() =>
        Assert.That(Batches.Split(Ten, [BatchSize.OfCount(4)]).SelectMany(b => b), Is.EqualTo(Ten));
}
