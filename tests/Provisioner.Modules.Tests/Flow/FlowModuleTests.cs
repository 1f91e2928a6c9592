using Provisioner.Core.Data;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests.Flow;

public class FlowModuleTests
{
    private readonly ModuleCatalog _catalog = TestCatalog.Create();
    private readonly PlanResources _resources = new() { Vars = { ["ready"] = true, ["replicas"] = 0L, ["name"] = "shop" } };

    private Task<ModuleOutcome> Run(string module, IReadOnlyDictionary<string, object?> args, bool check = false) =>
        Converge.OnceAsync(_catalog.FindRunner(module)!, args, check, _resources);

    [TestCase(false)]
    [TestCase(true)]
    public async Task SetFact_Variables_AreReturnedAsFactsInBothModes(bool check)
    {
        var outcome = await Run("set_fact", Args.Of(("shop_url", "https://shop/"), ("replicas", 2L), ("cacheable", true)), check);

        Assert.That((outcome.Changed, outcome.Failed), Is.EqualTo((false, false)));
        Assert.That(outcome.Facts.Keys, Is.EqualTo(new[] { "shop_url", "replicas" }));
        Assert.That(outcome.Facts["replicas"], Is.EqualTo(2L));
    }

    [Test]
    public async Task SetFact_InvalidName_IsAnArgumentError()
    {
        var outcome = await Run("set_fact", Args.Of(("2fast", 1L)));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("2fast: not a valid variable name"));
    }

    [Test]
    public async Task Debug_Msg_IsTheMessage()
    {
        var outcome = await Run("debug", Args.Of(("msg", "hello")));

        Assert.That((outcome.Message, outcome.Changed), Is.EqualTo(("hello", false)));
        Assert.That(outcome.Returns["msg"], Is.EqualTo("hello"));
    }

    [Test]
    public async Task Debug_Var_IsEvaluatedAndReturnedUnderItsName()
    {
        var outcome = await Run("debug", Args.Of(("var", "name")));

        Assert.That(outcome.Message, Is.EqualTo("name: shop"));
        Assert.That(outcome.Returns["name"], Is.EqualTo("shop"));
    }

    [Test]
    public async Task Debug_NoArguments_SaysHelloWorld()
    {
        var outcome = await Run("debug", Args.Of());

        Assert.That(outcome.Message, Is.EqualTo("Hello world!"));
    }

    [Test]
    public async Task Assert_AllHold_Succeeds()
    {
        var outcome = await Run("assert", Args.Of(("that", new List<object?> { "ready", true })));

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((false, "All assertions passed")));
    }

    [Test]
    public async Task Assert_OneFalse_FailsNamingIt()
    {
        var outcome = await Run("assert", Args.Of(("that", new List<object?> { "ready", "replicas" })));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Is.EqualTo("assertion failed: replicas"));
        Assert.That(outcome.Returns["assertion"], Is.EqualTo("replicas"));
    }

    [Test]
    public async Task Assert_FailMsg_IsUsed()
    {
        var outcome = await Run("assert", Args.Of(("that", "replicas"), ("msg", "need replicas")));

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((true, "need replicas")));
    }

    [Test]
    public async Task Assert_UndefinedVariable_FailsSayingSo()
    {
        var outcome = await Run("assert", Args.Of(("that", "missing_var")));

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("undefined variable missing_var"));
    }

    [Test]
    public async Task Assert_RunnerWithoutExpressions_FailsClearly()
    {
        var runner = _catalog.FindRunner("assert")!;

        var outcome = await runner.RunAsync(new ModuleArgs(runner.Schema, Args.Of(("that", "x")), new NoResources()), false, CancellationToken.None);

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("cannot evaluate expressions"));
    }

    [Test]
    public async Task Fail_Msg_FailsWithIt()
    {
        var outcome = await Run("fail", Args.Of(("msg", "unsupported release")));

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((true, "unsupported release")));
        Assert.That(PlainData.DeepEquals(outcome.Returns["msg"], "unsupported release"), Is.True);
    }

    [Test]
    public async Task Fail_Default_HasAMessage()
    {
        var outcome = await Run("fail", Args.Of(), check: true);

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((true, "Failed as requested from task")));
    }
}
