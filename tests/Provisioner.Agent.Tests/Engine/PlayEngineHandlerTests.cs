using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineHandlerTests
{
    private static PlanTask Handler(string name, params string[] listen) =>
        Task("h:" + name, args: [("changed", true), ("msg", name)]) with { Name = name, Listen = listen };

    private static IEnumerable<string> HandlerRuns(RunOutput run) =>
        run.Results.Where(r => r.Handler && r.Item is null).Select(r => r.Name);

    [Test]
    public async Task RunAsync_ChangedTaskNotifies_HandlerRunsOnceAtEndInDefinitionOrder()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: ("changed", true)) with { Notify = ["restart b", "restart a"] },
            Task("t2", args: ("changed", true)) with { Notify = ["restart a"] },
            Task("t3"))
            with { Handlers = [Handler("restart a"), Handler("restart b"), Handler("restart c")] };

        var run = await harness.RunAsync(plan);

        Assert.That(HandlerRuns(run), Is.EqualTo(new[] { "restart a", "restart b" }));
        var lastTask = run.Events.ToList().FindIndex(e => e is TaskResultEvent { Result.TaskId: "t3" });
        var firstHandler = run.Events.ToList().FindIndex(e => e is TaskStartedEvent { Handler: true });
        Assert.That(firstHandler, Is.GreaterThan(lastTask));
        Assert.That(run.Events.OfType<TaskStartedEvent>().Where(e => e.Handler).Select(e => e.Name), Is.EqualTo(new[] { "restart a", "restart b" }));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }

    [Test]
    public async Task RunAsync_OkTaskNotifies_HandlerDoesNotRun()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1") with { Notify = ["restart a"] }) with { Handlers = [Handler("restart a")] });

        Assert.That(HandlerRuns(run), Is.Empty);
    }

    [Test]
    public async Task RunAsync_NotifyListenTopic_RunsEveryHandlerListening()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("changed", true)) with { Notify = ["web changed"] })
            with { Handlers = [Handler("reload nginx", "web changed"), Handler("other"), Handler("flush cache", "web changed")] };

        var run = await harness.RunAsync(plan);

        Assert.That(HandlerRuns(run), Is.EqualTo(new[] { "reload nginx", "flush cache" }));
    }

    [Test]
    public async Task RunAsync_HandlerNotifiesHandler_ChainRuns()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("changed", true)) with { Notify = ["second"] })
            with { Handlers = [Handler("first"), Handler("second") with { Notify = ["first"] }] };

        var run = await harness.RunAsync(plan);

        Assert.That(HandlerRuns(run), Is.EqualTo(new[] { "second", "first" }));
    }

    [Test]
    public async Task RunAsync_PlayFailsAfterNotify_HandlerNotRunButStaysPendingAndRunsNextTime()
    {
        var harness = new EngineHarness();
        var handlers = new[] { Handler("restart nginx") };
        var failing = Plan(Task("t1", args: ("changed", true)) with { Notify = ["restart nginx"] }, Task("t2", args: ("failed", true)))
            with { Handlers = handlers };

        var first = await harness.RunAsync(failing);

        Assert.That(first.Completed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(HandlerRuns(first), Is.Empty);
        Assert.That(harness.Notifications.Pending, Is.EqualTo(new[] { "restart nginx" }));
        Assert.That(first.Events.OfType<LogEvent>().Any(l => l.Text.Contains("still pending", StringComparison.Ordinal)), Is.True);

        var second = await harness.RunAsync(Plan(Task("t1")) with { Handlers = handlers });

        Assert.That(HandlerRuns(second), Is.EqualTo(new[] { "restart nginx" }));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }

    [Test]
    public async Task RunAsync_PendingTopicWithoutHandlerInPlan_StaysPending()
    {
        var harness = new EngineHarness();
        harness.Notifications.Pending.Add("restart redis");

        var run = await harness.RunAsync(Plan(Task("t1")) with { Handlers = [Handler("restart nginx")] });

        Assert.That(HandlerRuns(run), Is.Empty);
        Assert.That(harness.Notifications.Pending, Is.EqualTo(new[] { "restart redis" }));
    }

    [Test]
    public async Task RunAsync_HandlerFails_RunFailsAndItStaysPending()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("changed", true)) with { Notify = ["a", "b"] })
            with { Handlers = [Handler("a"), Task("h:b", args: ("failed", true)) with { Name = "b" }] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Result("h:b").Status, Is.EqualTo(TaskStatus.Failed));
        Assert.That(harness.Notifications.Pending, Is.EqualTo(new[] { "b" }));
    }

    [Test]
    public async Task RunAsync_CheckMode_NotificationsNotPersisted()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("changed", true)) with { Notify = ["a"] }) with { Handlers = [Handler("a")], Check = true });

        Assert.That(HandlerRuns(run), Is.EqualTo(new[] { "a" }));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }

    [Test]
    public async Task RunAsync_NotifyUnknownHandler_WarnsAndDoesNotPersist()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("changed", true)) with { Notify = ["nope"] }));

        Assert.That(run.Events.OfType<LogEvent>().Single().Text, Does.Contain("'nope'"));
        Assert.That(harness.Notifications.Pending, Is.Empty);
    }
}
