using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineWhenLoopTests
{
    [Test]
    public async Task RunAsync_WhenFalse_SkipsWithoutCallingModuleAndRegistersSkip()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1") with { When = ["1 == 2"], Register = "r" }, Task("t2", args: ("msg", "{{ r.skipped }}")));

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Skipped));
        Assert.That(harness.Echo.Calls, Has.Count.EqualTo(1));
        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo(true));
        Assert.That(run.Registered("t1", "false_condition"), Is.EqualTo("1 == 2"));
    }

    [Test]
    public async Task RunAsync_WhenListWithOneFalse_Skips()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1") with { When = ["true", "facts.os.family == 'RedHat'"] }));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Skipped));
    }

    [Test]
    public async Task RunAsync_WhenOnFactsAndProvNames_Runs()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("msg", "{{ inventory_hostname }} {{ prov_distribution_release }}"))
            with { When = ["facts.os.family == 'Debian'", "prov_os_family == 'Debian'", "prov_hostname == 'web1'"] });

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo("web1 bookworm"));
    }

    [Test]
    public async Task RunAsync_WhenUndefinedVariable_FailsNamingTheCondition()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1") with { When = ["nope > 1"] }, Task("t2")));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Result("t1").Message, Does.Contain("nope > 1").And.Contain("nope"));
        Assert.That(run.Ran("t2"), Is.False);
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(run.Completed.Message, Does.Contain("t1"));
    }

    [Test]
    public async Task RunAsync_LoopList_RunsPerItemWithLoopVarIndexVarAndLabel()
    {
        var harness = new EngineHarness();
        var task = Task("t1", args: ("msg", "{{ pkg.name }}#{{ i }}")) with
        {
            Loop = new List<object?> { Map(("name", "nginx")), Map(("name", "redis")) },
            LoopVar = "pkg",
            IndexVar = "i",
            LoopLabel = "{{ pkg.name }}",
            Register = "out",
        };

        var run = await harness.RunAsync(Plan(task));

        Assert.That(harness.Echo.Calls.Select(c => c["msg"]), Is.EqualTo(new[] { "nginx#0", "redis#1" }));
        Assert.That(run.Items("t1").Select(r => r.Item), Is.EqualTo(new[] { "nginx", "redis" }));
        var results = (IReadOnlyList<object?>)run.Registered("t1", "results")!;
        Assert.That(results, Has.Count.EqualTo(2));
        Assert.That(((IReadOnlyDictionary<string, object?>)results[1]!)["msg"], Is.EqualTo("redis#1"));
        Assert.That(run.Completed.Counts["ok"], Is.EqualTo(1), "a loop counts as one task");
    }

    [TestCase("{{ pkgs }}")]
    [TestCase("pkgs")]
    [TestCase("pkgs | array.sort")]
    public async Task RunAsync_LoopExpression_IteratesItsList(string loop)
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("msg", "{{ item }}")) with { Loop = loop }) with { Vars = Map(("pkgs", new List<object?> { "b", "a" })) };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(harness.Echo.Calls.Select(c => c["msg"]), Is.EquivalentTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task RunAsync_LoopWhenOnItem_SkipsOnlyThoseItems()
    {
        var harness = new EngineHarness();
        var task = Task("t1", args: [("msg", "{{ item }}"), ("changed", true)]) with { Loop = new List<object?> { 1L, 2L, 3L }, When = ["item != 2"] };

        var run = await harness.RunAsync(Plan(task));

        Assert.That(harness.Echo.Calls.Select(c => c["msg"]), Is.EqualTo(new object[] { 1L, 3L }));
        Assert.That(run.Items("t1").Select(r => r.Status), Is.EqualTo(new[] { TaskStatus.Changed, TaskStatus.Skipped, TaskStatus.Changed }));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Changed));
    }

    [Test]
    public async Task RunAsync_LoopWhenFalseWithoutItem_SkipsWithoutEvaluatingLoop()
    {
        var harness = new EngineHarness();
        var task = Task("t1") with { Loop = "undefined_list", When = ["defined(undefined_list)"] };

        var run = await harness.RunAsync(Plan(task));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Skipped));
        Assert.That(harness.Echo.Calls, Is.Empty);
    }

    [Test]
    public async Task RunAsync_LoopEmpty_SkipsWithEmptyResults()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1") with { Loop = new List<object?>(), Register = "r" }));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Skipped));
        Assert.That(run.Registered("t1", "results"), Is.Empty);
    }

    [Test]
    public async Task RunAsync_LoopOverMap_FailsSayingItNeedsAList()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1") with { Loop = "{{ m }}" }) with { Vars = Map(("m", Map(("a", 1L)))) };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Result("t1").Message, Does.Contain("list"));
    }

    [Test]
    public async Task RunAsync_LoopItemFails_OtherItemsStillRunAndTaskFails()
    {
        var harness = new EngineHarness();
        var task = Task("t1", args: ("failed", "{{ item == 1 }}")) with { Loop = new List<object?> { 1L, 2L } };

        var run = await harness.RunAsync(Plan(task));

        Assert.That(harness.Echo.Calls, Has.Count.EqualTo(2));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
    }
}
