using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineBlockTests
{
    private static PlanTask Block(string id, IReadOnlyList<PlanTask> block, IReadOnlyList<PlanTask>? rescue = null, IReadOnlyList<PlanTask>? always = null) =>
        new() { Id = id, Block = block, Rescue = rescue ?? [], Always = always ?? [] };

    private static PlanTask Fail(string id) => Task(id, args: [("failed", true), ("msg", "broken " + id)]);

    [Test]
    public async Task RunAsync_BlockFailsWithRescue_RescuedAndPlayContinues()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Block("b", [Fail("b1"), Task("b2")], rescue: [Task("r1", args: ("msg", "{{ prov_failed_task.id }}: {{ prov_failed_result.msg }}"))], always: [Task("a1")]),
            Task("after"));

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("b1"), Is.EqualTo(TaskStatus.Rescued));
        Assert.That(run.Ran("b2"), Is.False);
        Assert.That(run.Status("r1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(harness.Echo.Calls.Single(c => c.ContainsKey("msg") && !c.ContainsKey("failed"))["msg"], Is.EqualTo("b1: broken b1"));
        Assert.That(run.Ran("a1"), Is.True);
        Assert.That(run.Ran("after"), Is.True);
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(run.Completed.Counts["rescued"], Is.EqualTo(1));
        Assert.That(run.Completed.Counts["failed"], Is.Zero);
    }

    [Test]
    public async Task RunAsync_BlockFailsWithoutRescue_AlwaysRunsThenPlayStops()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Block("b", [Fail("b1")], always: [Task("a1")]), Task("after")));

        Assert.That(run.Status("b1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Ran("a1"), Is.True);
        Assert.That(run.Ran("after"), Is.False);
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task RunAsync_RescueFails_AlwaysRunsAndPlayFails()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Block("b", [Fail("b1")], rescue: [Fail("r1")], always: [Task("a1")]), Task("after")));

        Assert.That(run.Status("b1"), Is.EqualTo(TaskStatus.Rescued));
        Assert.That(run.Status("r1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Ran("a1"), Is.True);
        Assert.That(run.Ran("after"), Is.False);
        Assert.That(run.Completed.Message, Does.Contain("r1"));
    }

    [Test]
    public async Task RunAsync_NestedBlockWithoutRescue_OuterRescueCatches()
    {
        var harness = new EngineHarness();
        var inner = Block("inner", [Fail("i1")], always: [Task("ia")]);

        var run = await harness.RunAsync(Plan(Block("outer", [inner, Task("o2")], rescue: [Task("or")])));

        Assert.That(run.Status("i1"), Is.EqualTo(TaskStatus.Rescued));
        Assert.That(run.Ran("ia"), Is.True);
        Assert.That(run.Ran("o2"), Is.False);
        Assert.That(run.Ran("or"), Is.True);
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task RunAsync_BlockWhenAndVars_InheritedByEachTask()
    {
        var harness = new EngineHarness();
        var block = Block("b", [Task("b1", args: ("msg", "{{ port }}")), Task("b2") with { Vars = Map(("port", 9L)) }]) with
        {
            When = ["port > 1"],
            Vars = Map(("port", 8L)),
        };

        var run = await harness.RunAsync(Plan(block, Block("c", [Task("c1")]) with { When = ["false"] }));

        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo(8L));
        Assert.That(run.Status("b2"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(run.Status("c1"), Is.EqualTo(TaskStatus.Skipped));
    }

    [Test]
    public async Task RunAsync_IgnoreErrors_ReportsIgnoredAndContinues()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Fail("t1") with { IgnoreErrors = true, Register = "r" }, Task("t2", args: ("msg", "{{ r.failed }}"))));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ignored));
        Assert.That(harness.Echo.Calls[1]["msg"], Is.EqualTo(true));
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(run.Completed.Counts["ignored"], Is.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_IgnoreErrorsInsideRescuableBlock_DoesNotTriggerRescue()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Block("b", [Fail("b1") with { IgnoreErrors = true }, Task("b2")], rescue: [Task("r1")])));

        Assert.That(run.Status("b1"), Is.EqualTo(TaskStatus.Ignored));
        Assert.That(run.Ran("b2"), Is.True);
        Assert.That(run.Ran("r1"), Is.False);
    }
}
