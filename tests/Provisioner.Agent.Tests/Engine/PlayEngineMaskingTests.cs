using Provisioner.Core.Runs;
using static Provisioner.Agent.Tests.Engine.EngineHarness;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineMaskingTests
{
    private const string Secret = "hunter2-s3cr3t";

    [Test]
    public async Task RunAsync_NoLogTask_HidesValuesButRegisterKeepsThem()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: [("msg", Secret), ("changed", true), ("returns", Map(("stdout", Secret)))]) with
            {
                NoLog = true,
                Register = "r",
                Name = "set password",
                Loop = new List<object?> { Secret },
            },
            Task("t2", args: ("msg", "len={{ r.results[0].stdout | string.size }}")));

        var run = await harness.RunAsync(plan);

        Assert.That(run.AllText, Does.Not.Contain(Secret));
        var result = run.Result("t1");
        Assert.That(result.Message, Is.EqualTo("output hidden by no_log"));
        Assert.That(result.Diff.All(d => d.Before == "********" && d.After == "********"), Is.True);
        Assert.That(run.Items("t1").Single().Item, Is.EqualTo("********"));
        Assert.That(((IReadOnlyDictionary<string, object?>)result.Result!)["censored"], Is.EqualTo("output hidden by no_log"));
        Assert.That(harness.Echo.Calls[1]["msg"], Is.EqualTo("len=" + Secret.Length));
    }

    [Test]
    public async Task RunAsync_SecretVar_MaskedInEveryEventIncludingOtherTasksAndFailures()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: [("msg", "connecting with password={{ db_password }}"), ("returns", Map(("stdout", "{{ db_password }}")))]) with { Name = "login {{ db_password }}" },
            Task("t2", args: [("failed", true), ("msg", "auth failed for " + Secret)]))
            with
            {
                Vars = Map(("db_password", "{{ vault_db_password }}"), ("vault_db_password", Secret)),
                SecretVars = ["db_password"],
            };

        var run = await harness.RunAsync(plan);

        Assert.That(harness.Echo.Calls[0]["msg"], Is.EqualTo("connecting with password=" + Secret), "the module gets the real value");
        Assert.That(run.AllText, Does.Not.Contain(Secret));
        Assert.That(run.Result("t1").Message, Is.EqualTo("connecting with password=********"));
        Assert.That(run.Events.OfType<TaskStartedEvent>().First().Name, Is.EqualTo("login ********"));
        Assert.That(run.Completed.Message, Does.Contain("********"));
    }

    [Test]
    public async Task RunAsync_SecretSetByRegisterName_MaskedAfterwards()
    {
        var harness = new EngineHarness();
        var plan = Plan(
            Task("t1", args: ("returns", Map(("stdout", Secret)))) with { Register = "token" },
            Task("t2", args: ("msg", "token is {{ token.stdout }}")))
            with { SecretVars = ["token"] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Result("t2").Message, Is.EqualTo("token is ********"));
    }

    [Test]
    public async Task RunAsync_SecretDefinedAsTaskVar_Masked()
    {
        var harness = new EngineHarness();
        var plan = Plan(Task("t1", args: ("msg", "key {{ api_key }}")) with { Vars = Map(("api_key", Secret)) }) with { SecretVars = ["api_key"] };

        var run = await harness.RunAsync(plan);

        Assert.That(run.Result("t1").Message, Is.EqualTo("key ********"));
    }

    [Test]
    public async Task RunAsync_SecretArgumentOfModule_Masked()
    {
        var harness = new EngineHarness().Add(new FakeModule("login",
            (args, _, _) => System.Threading.Tasks.Task.FromResult(Modules.Abstractions.ModuleOutcome.Fail($"bad password {args.Values["password"]}")),
            new Core.Schema.ArgSpec("password", Core.Schema.ArgType.String, "pw") { Secret = true }));

        var run = await harness.RunAsync(Plan(Task("t1", "login", ("password", Secret))));

        Assert.That(run.AllText, Does.Not.Contain(Secret));
        Assert.That(run.Result("t1").Message, Is.EqualTo("bad password ********"));
    }
}
