using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineEventTests
{
    [Test]
    public async Task RunAsync_AnyPlan_EventsNumberedFromOneAndEndWithCompleted()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("changed", true)), Task("t2") with { Loop = new List<object?> { 1L, 2L } }, Task("t3") with { When = ["false"] }));

        Assert.That(run.Events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, run.Events.Count).Select(i => (long)i)));
        Assert.That(run.Events.All(e => e.RunId == "run-1"), Is.True);
        Assert.That(run.Events[^1], Is.InstanceOf<RunCompletedEvent>());
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
        Assert.That(run.Completed.Counts["changed"], Is.EqualTo(1));
        Assert.That(run.Completed.Counts["ok"], Is.EqualTo(1));
        Assert.That(run.Completed.Counts["skipped"], Is.EqualTo(1));
        Assert.That(run.Events.OfType<TaskStartedEvent>().Select(e => e.TaskId), Is.EqualTo(new[] { "t1", "t2", "t3" }));
    }

    [Test]
    public async Task RunAsync_ChangedTask_ResultCarriesDiffDurationAndModule()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("changed", true))));

        var result = run.Result("t1");
        Assert.That(result.Status, Is.EqualTo(TaskStatus.Changed));
        Assert.That(result.Module, Is.EqualTo("echo"));
        Assert.That(result.Diff, Is.EqualTo(new[] { new DiffEntry("state", "before", "after") }));
        Assert.That(result.Duration, Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task RunAsync_MultiLineDiffWithoutDiffMode_IsSummarised()
    {
        var harness = new EngineHarness().Add(new FakeModule("content", (_, _, _) => System.Threading.Tasks.Task.FromResult(
            new Modules.Abstractions.ModuleOutcome { Changed = true, Diff = [new DiffEntry("content", "a\nb\n", "a\nc\nd\n") { Path = "/etc/x" }] })));

        var summary = await harness.RunAsync(Plan(Task("t1", "content")));
        var full = await harness.RunAsync(Plan(Task("t1", "content")) with { Diff = true });

        Assert.That(summary.Result("t1").Diff[0].Before, Is.EqualTo("(2 lines; --diff shows them)"));
        Assert.That(summary.Result("t1").Diff[0].After, Is.EqualTo("(3 lines; --diff shows them)"));
        Assert.That(full.Result("t1").Diff[0].After, Is.EqualTo("a\nc\nd\n"));
    }

    [Test]
    public async Task RunAsync_GatherFactsOff_FactsEmptyAndMagicVarsSet()
    {
        var harness = new EngineHarness();

        await harness.RunAsync(Plan(Task("t1", args: ("msg", "{{ inventory_hostname }} {{ facts | object.size }} {{ prov_check_mode }}"))) with { GatherFacts = false });

        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo("web1 0 false"));
    }
}
