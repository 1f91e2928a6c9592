using Provisioner.Agent.Memory;

namespace Provisioner.Agent.Tests.Memory;

public sealed class IdleMemoryTests
{
    [Test]
    public void Release_InThisProcess_CollectsAndKeepsRunning()
    {
        var collections = GC.CollectionCount(2);
        var garbage = Enumerable.Range(0, 1000).Select(i => new byte[1024]).ToList();
        garbage.Clear();

        var report = IdleMemory.Release();

        Assert.That(GC.CollectionCount(2), Is.GreaterThan(collections));
        Assert.That(report.HeapBytes, Is.GreaterThan(0));
        Assert.That(string.Join(',', Enumerable.Range(1, 3)), Is.EqualTo("1,2,3"));
    }
}
