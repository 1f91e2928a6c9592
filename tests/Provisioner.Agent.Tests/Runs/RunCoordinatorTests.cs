using Provisioner.Agent.Runs;
using Provisioner.Agent.State;
using Provisioner.Agent.Tests.Engine;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using static Provisioner.Agent.Tests.Engine.EngineHarness;

namespace Provisioner.Agent.Tests.Runs;

public sealed class RunCoordinatorTests
{
    private string _dir = null!;
    private EngineHarness _harness = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("prov-runs-").FullName;
        _harness = new EngineHarness();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private RunCoordinator Coordinator(TimeSpan? lockWait = null) =>
        new(new StateLayout(_dir), _harness.Engine(), TimeProvider.System, new RunCoordinatorOptions { LockWait = lockWait ?? TimeSpan.FromSeconds(30) });

    private static async Task<List<RunEvent>> WatchAll(RunCoordinator coordinator, string runId, long after = 0)
    {
        var events = new List<RunEvent>();
        await foreach (var e in coordinator.WatchAsync(runId, after, CancellationToken.None))
        {
            events.Add(e);
        }

        return events;
    }

    [Test]
    public async Task StartAsync_NewRun_RunsRecordsAndLogsEveryEvent()
    {
        var coordinator = Coordinator();

        var started = await coordinator.StartAsync("r1", Plan(Task("t1", args: ("changed", true))), CancellationToken.None);
        var events = await WatchAll(coordinator, "r1");

        Assert.That(started.AlreadyStarted, Is.False);
        Assert.That(((RunCompletedEvent)events[^1]).Status, Is.EqualTo(RunStatus.Succeeded));
        var store = new RunStore(new StateLayout(_dir), TimeProvider.System);
        Assert.That(store.TryRead("r1")!.Status, Is.EqualTo("succeeded"));
        Assert.That(store.TryRead("r1")!.Counts!["changed"], Is.EqualTo(1));
        Assert.That(File.ReadAllLines(Path.Combine(_dir, "runs", "r1", "events.jsonl")), Has.Length.EqualTo(events.Count));
        Assert.That(File.Exists(Path.Combine(_dir, "current-run")), Is.False, "a finished run is no longer current");
    }

    [Test]
    public async Task StartAsync_RunEnds_CallsRunFinishedOnceWhenIdleAndRecorded()
    {
        var calls = 0;
        var idleAtCall = false;
        var recordedAtCall = false;
        RunCoordinator coordinator = null!;
        var finished = new TaskCompletionSource();
        coordinator = new RunCoordinator(new StateLayout(_dir), _harness.Engine(), TimeProvider.System, new RunCoordinatorOptions
        {
            RunFinished = () =>
            {
                calls++;
                idleAtCall = coordinator.IsIdle;
                recordedAtCall = new RunStore(new StateLayout(_dir), TimeProvider.System).TryRead("r1")?.Status == "succeeded";
                finished.SetResult();
            },
        });

        await coordinator.StartAsync("r1", Plan(Task("t1")), CancellationToken.None);
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(calls, Is.EqualTo(1));
        Assert.That(idleAtCall, Is.True);
        Assert.That(recordedAtCall, Is.True);
    }

    [Test]
    public async Task StartAsync_RepeatedRunId_NeverRunsAgainAndReplaysSameEvents()
    {
        var first = Coordinator();
        await first.StartAsync("r1", Plan(Task("t1")), CancellationToken.None);
        var original = await WatchAll(first, "r1");

        var second = Coordinator();
        var again = await second.StartAsync("r1", Plan(Task("t1"), Task("t2")), CancellationToken.None);
        var replay = await WatchAll(second, "r1");

        Assert.That(again.AlreadyStarted, Is.True);
        Assert.That(again.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(_harness.Echo.Calls, Has.Count.EqualTo(1));
        Assert.That(replay.Select(e => (e.Seq, e.GetType())), Is.EqualTo(original.Select(e => (e.Seq, e.GetType()))));
    }

    [Test]
    public async Task WatchAsync_AfterSeq_ReturnsOnlyLaterEvents()
    {
        var coordinator = Coordinator();
        await coordinator.StartAsync("r1", Plan(Task("t1"), Task("t2")), CancellationToken.None);
        var all = await WatchAll(coordinator, "r1");

        var tail = await WatchAll(coordinator, "r1", after: 3);

        Assert.That(tail.Select(e => e.Seq), Is.EqualTo(all.Where(e => e.Seq > 3).Select(e => e.Seq)));
    }

    [Test]
    public async Task StartAsync_RecordLeftRunning_ReportsItInterruptedAndWatchEndsWithInterrupted()
    {
        var store = new RunStore(new StateLayout(_dir), TimeProvider.System);
        new StateLayout(_dir).EnsureCreated();
        store.Write(new RunRecord { RunId = "dead", Status = "running", Pid = 999999, StartedAt = DateTimeOffset.UtcNow });
        store.SetCurrent("dead");
        using (var log = store.OpenEventLog("dead"))
        {
            log.Append(new TaskStartedEvent("t1", "t1", false) { RunId = "dead", Seq = 1 });
        }

        var coordinator = Coordinator();
        var started = await coordinator.StartAsync("r2", Plan(Task("t1")), CancellationToken.None);
        await WatchAll(coordinator, "r2");
        var dead = await WatchAll(coordinator, "dead");

        Assert.That(started.Interrupted.Single().RunId, Is.EqualTo("dead"));
        Assert.That(((RunCompletedEvent)dead[^1]).Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(dead[^1].Seq, Is.EqualTo(2));
        Assert.That((await coordinator.StartAsync("dead", Plan(), CancellationToken.None)).Status, Is.EqualTo(RunStatus.Interrupted));
    }

    [Test]
    public void RecoverInterrupted_AtStartUp_ClosesDeadRuns()
    {
        var layout = new StateLayout(_dir);
        layout.EnsureCreated();
        var store = new RunStore(layout, TimeProvider.System);
        store.Write(new RunRecord { RunId = "dead", Status = "running", StartedAt = DateTimeOffset.UtcNow });
        store.SetCurrent("dead");

        var recovered = Coordinator().RecoverInterrupted();

        Assert.That(recovered.Single().Status, Is.EqualTo(RunStatus.Interrupted));
    }

    [Test]
    public async Task StartAsync_WhileAnotherRunHoldsLock_WaitsThenRuns()
    {
        var release = new TaskCompletionSource<ModuleOutcome>();
        _harness.Add(new FakeModule("block", (_, _, _) => release.Task));
        var coordinator = Coordinator();
        await coordinator.StartAsync("r1", Plan(Task("t1", module: "block")), CancellationToken.None);

        var second = coordinator.StartAsync("r2", Plan(Task("t2")), CancellationToken.None);
        await System.Threading.Tasks.Task.Delay(300);
        Assert.That(second.IsCompleted, Is.False, "the second run must wait for the first");
        Assert.That(_harness.Echo.Calls, Is.Empty);

        release.SetResult(new ModuleOutcome());
        await second;
        await WatchAll(coordinator, "r2");
        Assert.That(_harness.Echo.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task StartAsync_LockHeldLongerThanWait_ThrowsBusyAndRecordsNothing()
    {
        var release = new TaskCompletionSource<ModuleOutcome>();
        _harness.Add(new FakeModule("block", (_, _, _) => release.Task));
        var coordinator = Coordinator(lockWait: TimeSpan.FromMilliseconds(200));
        await coordinator.StartAsync("r1", Plan(Task("t1", module: "block")), CancellationToken.None);

        Assert.ThrowsAsync<AgentBusyException>(() => coordinator.StartAsync("r2", Plan(Task("t2")), CancellationToken.None));
        release.SetResult(new ModuleOutcome());
        await WatchAll(coordinator, "r1");

        Assert.That(Directory.Exists(Path.Combine(_dir, "runs", "r2")), Is.False);
        Assert.That((await coordinator.StartAsync("r2", Plan(Task("t2")), CancellationToken.None)).AlreadyStarted, Is.False);
        await WatchAll(coordinator, "r2");
    }

    [Test]
    public async Task Cancel_LiveRun_CompletesCancelledAndRecordsIt()
    {
        _harness.Add(new FakeModule("hang", async (_, _, ct) =>
        {
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, ct);
            return new ModuleOutcome();
        }));
        var coordinator = Coordinator();
        await coordinator.StartAsync("r1", Plan(Task("t1", module: "hang")), CancellationToken.None);
        await System.Threading.Tasks.Task.Delay(100);

        coordinator.Cancel("r1");
        var events = await WatchAll(coordinator, "r1");

        Assert.That(((RunCompletedEvent)events[^1]).Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(new RunStore(new StateLayout(_dir), TimeProvider.System).TryRead("r1")!.Status, Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task StartAsync_FailedRunAfterNotify_PendingHandlerSurvivesInStateDir()
    {
        var handlers = new List<PlanTask> { Task("h1", args: ("msg", "handler ran")) with { Name = "restart" } };
        var failing = Plan(Task("t1", args: ("changed", true)) with { Notify = ["restart"] }, Task("t2", args: ("failed", true))) with { Handlers = handlers };
        var first = Coordinator();
        await first.StartAsync("r1", failing, CancellationToken.None);
        await WatchAll(first, "r1");
        Assert.That(File.ReadAllText(Path.Combine(_dir, "handlers", "pending.json")), Does.Contain("restart"));

        var second = Coordinator();
        await second.StartAsync("r2", Plan(Task("t1")) with { Handlers = handlers }, CancellationToken.None);
        var events = await WatchAll(second, "r2");

        Assert.That(events.OfType<TaskResultEvent>().Any(e => e.Result.Handler && e.Result.Name == "restart"), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(_dir, "handlers", "pending.json")), Does.Not.Contain("restart"));
    }

    [Test]
    public void WatchAsync_UnknownRun_Throws()
    {
        Assert.That(async () => await WatchAll(Coordinator(), "nope"), Throws.TypeOf<UnknownRunException>());
    }
}
