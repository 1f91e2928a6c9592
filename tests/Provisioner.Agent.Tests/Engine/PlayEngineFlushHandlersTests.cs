using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules;
using Provisioner.Modules.Seams;
using static Provisioner.Agent.Tests.Engine.EngineHarness;

namespace Provisioner.Agent.Tests.Engine;

/// <summary>meta: flush_handlers, run by the real meta module: handlers notified so far run at that point of the play.</summary>
public sealed class PlayEngineFlushHandlersTests
{
    private static PlanTask Handler(string name, bool fails = false) =>
        Task("h:" + name, args: [("changed", true), ("failed", fails), ("msg", name)]) with { Name = name };

    private static PlanTask Flush(string id = "flush") => Task(id, "meta", ("free_form", "flush_handlers"));

    private static EngineHarness Harness()
    {
        var processes = new ProcessRunner(TimeProvider.System);
        var meta = new ModuleCatalog(new LocalFileSystem(processes), processes, TimeProvider.System).FindRunner("meta")!;
        return new EngineHarness().Add(meta);
    }

    /// <summary>What ran, in order: "task:ID" for each task started, "handler:NAME" for each handler started.</summary>
    private static List<string> Order(RunOutput run) =>
        run.Events.OfType<TaskStartedEvent>().Select(e => e.Handler ? "handler:" + e.Name : "task:" + e.TaskId).ToList();

    [Test]
    public async Task RunAsync_FlushAfterNotify_HandlerRunsBeforeTheNextTaskAndNotAgainAtTheEnd()
    {
        var harness = Harness();
        var plan = Plan(
            Task("t1", args: ("changed", true)) with { Notify = ["restart a"] },
            Flush(),
            Task("t2"))
            with { Handlers = [Handler("restart a"), Handler("restart b")] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "handler:restart a", "task:t2" }));
        Assert.That(run.Results.Single(r => r.TaskId == "flush").Status, Is.EqualTo(Core.Runs.TaskStatus.Ok));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }

    [Test]
    public async Task RunAsync_NotifiedAgainAfterFlush_HandlerRunsAgainAtTheEnd()
    {
        var harness = Harness();
        var plan = Plan(
            Task("t1", args: ("changed", true)) with { Notify = ["restart a"] },
            Flush(),
            Task("t2", args: ("changed", true)) with { Notify = ["restart a"] },
            Task("t3"))
            with { Handlers = [Handler("restart a")] };

        var run = await harness.RunAsync(plan);

        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "handler:restart a", "task:t2", "task:t3", "handler:restart a" }));
    }

    [Test]
    public async Task RunAsync_HandlerFailsAtFlush_PlayStopsThereAndOnlyTheFailedNotificationStaysPending()
    {
        var harness = Harness();
        var plan = Plan(
            Task("t1", args: ("changed", true)) with { Notify = ["reload a", "restart b"] },
            Flush(),
            Task("t2"))
            with { Handlers = [Handler("reload a"), Handler("restart b", fails: true)] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Completed.Message, Does.Contain("'restart b'"));
        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "handler:reload a", "handler:restart b" }));
        Assert.That(harness.Notifications.Pending, Is.EqualTo(new[] { "restart b" }));
    }

    [Test]
    public async Task RunAsync_FlushWhenFalse_IsSkippedAndHandlersRunAtTheEnd()
    {
        var harness = Harness();
        var plan = Plan(
            Task("t1", args: ("changed", true)) with { Notify = ["restart a"] },
            Flush() with { When = ["1 == 2"] },
            Task("t2"))
            with { Handlers = [Handler("restart a")] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Results.Single(r => r.TaskId == "flush").Status, Is.EqualTo(Core.Runs.TaskStatus.Skipped));
        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "task:t2", "handler:restart a" }));
    }

    [Test]
    public async Task RunAsync_FlushWithNothingNotified_RunsNoHandler()
    {
        var harness = Harness();
        var plan = Plan(Task("t1") with { Notify = ["restart a"] }, Flush(), Task("t2")) with { Handlers = [Handler("restart a")] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "task:t2" }));
    }

    [Test]
    public async Task RunAsync_FlushInAHandler_DoesNothingAndSaysSo()
    {
        var harness = Harness();
        var plan = Plan(Task("t1", args: ("changed", true)) with { Notify = ["first", "second"] })
            with { Handlers = [Flush("h:first") with { Name = "first" }, Handler("second")] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "handler:first", "handler:second" }));
        Assert.That(run.Events.OfType<LogEvent>().Any(l => l.Text.Contains("in a handler does nothing", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public async Task RunAsync_FlushInCheckMode_RunsHandlersInCheckModeAndPersistsNothing()
    {
        var harness = Harness();
        var plan = Plan(Task("t1", args: ("changed", true)) with { Notify = ["restart a"] }, Flush(), Task("t2"))
            with { Handlers = [Handler("restart a")], Check = true };

        var run = await harness.RunAsync(plan);

        Assert.That(Order(run), Is.EqualTo(new[] { "task:t1", "task:flush", "handler:restart a", "task:t2" }));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }
}
