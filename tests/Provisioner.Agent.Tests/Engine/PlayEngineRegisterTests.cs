using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineRegisterTests
{
    [Test]
    public async Task RunAsync_Register_StoresAnsibleShapeForLaterTasks()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: [("changed", true), ("msg", "did it"), ("returns", Map(("rc", 0L), ("stdout", "a\nb\n")))]) with { Register = "out" },
            Task("t2", args: ("msg", "{{ out.rc }} {{ out.stdout_lines[1] }} {{ out.changed }} {{ out.msg }} {{ out.diff[0].after }}")) with { When = ["out.changed"] });

        var run = await harness.RunAsync(plan);

        Assert.That(harness.Echo.Calls[1]["msg"], Is.EqualTo("0 b true did it after"));
        Assert.That(run.Registered("t1", "failed"), Is.EqualTo(false));
    }

    [Test]
    public async Task RunAsync_ChangedWhenFalse_ReportsOk()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("changed", true)) with { ChangedWhen = ["false"], Register = "r" }));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(run.Registered("t1", "changed"), Is.EqualTo(false));
    }

    [Test]
    public async Task RunAsync_FailedWhenOnRegisteredRc_FailsAndOverridesModule()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: ("returns", Map(("rc", 3L)))) with { Register = "r", FailedWhen = ["r.rc > 2"] },
            Task("t2"));

        var run = await harness.RunAsync(plan);

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Result("t1").Message, Does.Contain("r.rc > 2"));
        Assert.That(run.Ran("t2"), Is.False);
    }

    [Test]
    public async Task RunAsync_FailedWhenFalse_TurnsModuleFailureIntoSuccess()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", args: ("failed", true)) with { FailedWhen = ["false"] }, Task("t2")));

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(run.Ran("t2"), Is.True);
    }

    [Test]
    public async Task RunAsync_Precedence_PlanVarsLoseToTaskVarsLoseToSetFactLoseToExtraVars()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: ("msg", "{{ a }} {{ b }} {{ c }} {{ d }}")) with { Vars = Map(("b", "task"), ("c", "task"), ("d", "task")) },
            Task("t2", args: ("facts", Map(("c", "fact"), ("d", "fact")))),
            Task("t3", args: ("msg", "{{ a }} {{ b }} {{ c }} {{ d }}")) with { Vars = Map(("b", "task"), ("c", "task"), ("d", "task")) })
            with
            {
                Vars = Map(("a", "play"), ("b", "play"), ("c", "play"), ("d", "play")),
                ExtraVars = Map(("d", "extra")),
            };

        await harness.RunAsync(plan);

        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo("play task task extra"));
        Assert.That(harness.Echo.Calls[2]["msg"], Is.EqualTo("play task fact extra"));
    }

    [Test]
    public async Task RunAsync_PlayVarTemplate_SeesFactsAndRegisteredResults()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: ("returns", Map(("stdout", "8080")))) with { Register = "port_out" },
            Task("t2", args: ("msg", "{{ url }}")))
            with { Vars = Map(("url", "http://{{ prov_hostname }}:{{ port_out.stdout }}/")) };

        await harness.RunAsync(plan);

        Assert.That(harness.Echo.Calls[1]["msg"], Is.EqualTo("http://web1:8080/"));
    }

    [Test]
    public async Task RunAsync_RegisteredOutputWithBraces_IsNeverRenderedAsTemplate()
    {
        var harness = new EngineHarness().Add(new FakeModule("printer", (_, _, _) => System.Threading.Tasks.Task.FromResult(
            new Modules.Abstractions.ModuleOutcome { Returns = new Dictionary<string, object?> { ["stdout"] = "{{ secret_var }}" } })));
        var plan = Plan(
            Task("t1", module: "printer") with { Register = "out" },
            Task("t2", args: ("msg", "{{ out.stdout }}")))
            with { Vars = Map(("secret_var", "LEAKED")) };

        await harness.RunAsync(plan);

        Assert.That(harness.Echo.Calls.Single()["msg"], Is.EqualTo("{{ secret_var }}"));
    }

    [Test]
    public async Task RunAsync_UnknownModule_FailsNamingIt()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1", module: "nosuch")));

        Assert.That(run.Result("t1").Message, Does.Contain("nosuch"));
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task RunAsync_ArgumentUndefinedVariable_FailsWithTaskIdAndName()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("roles/web/tasks/main.yml:4:3", args: ("msg", "{{ missing_var }}"))));

        var result = run.Result("roles/web/tasks/main.yml:4:3");
        Assert.That(result.Status, Is.EqualTo(TaskStatus.Failed));
        Assert.That(result.Message, Does.Contain("missing_var"));
        Assert.That(harness.Echo.Calls, Is.Empty);
    }

    [Test]
    public async Task RunAsync_CheckMode_PassesCheckToModules()
    {
        var harness = new EngineHarness();

        await harness.RunAsync(Plan(Task("t1")) with { Check = true });

        Assert.That(harness.Echo.CheckFlags, Is.EqualTo(new[] { true }));
    }

    [Test]
    public async Task RunAsync_ModuleSkippedInCheckMode_ReportsSkipped()
    {
        var harness = new EngineHarness().Add(new FakeModule("cmd", (_, _, _) => System.Threading.Tasks.Task.FromResult(
            new Modules.Abstractions.ModuleOutcome { SkippedInCheckMode = true, Message = "cannot predict" })));

        var run = await harness.RunAsync(Plan(Task("t1", module: "cmd")) with { Check = true });

        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Skipped));
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded));
    }

    [Test]
    public async Task RunAsync_ModuleThrowsUnexpectedly_TaskFailsAndRunCompletes()
    {
        var harness = new EngineHarness().Add(new FakeModule("buggy", (_, _, _) => throw new InvalidOperationException("boom")));

        var run = await harness.RunAsync(Plan(Task("t1", module: "buggy")));

        Assert.That(run.Result("t1").Message, Does.Contain("boom").And.Contain("bug"));
        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Failed));
    }

    [Test]
    public async Task RunAsync_BecomeUserOtherThanRoot_FailsSayingNotSupported()
    {
        var harness = new EngineHarness();

        var run = await harness.RunAsync(Plan(Task("t1") with { Become = true, BecomeUser = "postgres" }));

        Assert.That(run.Result("t1").Message, Does.Contain("become_user 'postgres' is not supported"));
        Assert.That(harness.Echo.Calls, Is.Empty);
    }
}
