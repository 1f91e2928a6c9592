using System.Diagnostics;
using Provisioner.Agent.State;

namespace Provisioner.Agent.Tests.State;

public sealed class RunLockTests
{
    private string _dir = null!;

    private string LockFile => Path.Combine(_dir, "agent.lock");

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("prov-lock-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void TryAcquire_WhileHeld_ReturnsNullUntilReleased()
    {
        using (var first = RunLock.TryAcquire(LockFile, "first"))
        {
            Assert.That(first, Is.Not.Null);
            Assert.That(RunLock.TryAcquire(LockFile, "second"), Is.Null);
        }

        using var again = RunLock.TryAcquire(LockFile, "again");
        Assert.That(again, Is.Not.Null);
    }

    [Test]
    public async Task AcquireAsync_HeldLongerThanWait_ThrowsBusyNamingHolder()
    {
        using var held = RunLock.TryAcquire(LockFile, "run r1 of web1/site");

        var ex = Assert.ThrowsAsync<AgentBusyException>(() =>
            RunLock.AcquireAsync(LockFile, "second", TimeSpan.FromMilliseconds(200), TimeProvider.System, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain($"pid {Environment.ProcessId}: run r1 of web1/site").And.Contain("waited"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task AcquireAsync_ReleasedWhileWaiting_Acquires()
    {
        var held = RunLock.TryAcquire(LockFile, "first")!;
        var waiting = RunLock.AcquireAsync(LockFile, "second", TimeSpan.FromSeconds(10), TimeProvider.System, CancellationToken.None);
        await Task.Delay(150);
        Assert.That(waiting.IsCompleted, Is.False);

        held.Dispose();
        using var acquired = await waiting;

        var busy = Assert.ThrowsAsync<AgentBusyException>(() =>
            RunLock.AcquireAsync(LockFile, "third", TimeSpan.Zero, TimeProvider.System, CancellationToken.None));
        Assert.That(busy!.Message, Does.Contain(": second"));
    }

    [Test]
    public async Task TryAcquire_HolderProcessKilled_LockIsFree()
    {
        // flock(1) takes the same flock(2) lock the agent uses, in another process that we then kill -9.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--no-fork", LockFile, "sleep", "60"]))!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (RunLock.TryAcquire(LockFile, "probe") is { } probe)
        {
            probe.Dispose();
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "flock(1) never took the lock");
            await Task.Delay(20);
        }

        holder.Kill(entireProcessTree: true);
        await holder.WaitForExitAsync();

        // Reaped means the kernel closed its descriptors, and with them the lock.
        using var acquired = RunLock.TryAcquire(LockFile, "after kill");
        Assert.That(acquired, Is.Not.Null);
    }
}
