using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Running;

namespace Provisioner.Modules.Tests.Running;

public class StateModuleRunnerTests
{
    [Test]
    public async Task RunAsync_AlreadyConverged_IsOkWithoutApply()
    {
        var module = new KeyValueModule { Actual = "blue" };

        var outcome = await Run(module, "blue", check: false);

        Assert.That((outcome.Changed, outcome.Failed, module.Applies), Is.EqualTo((false, false, 0)));
        Assert.That(outcome.Returns["value"], Is.EqualTo("blue"));
    }

    [Test]
    public async Task RunAsync_Different_AppliesAndReportsTheDiff()
    {
        var module = new KeyValueModule { Actual = "red" };

        var outcome = await Run(module, "blue", check: false);

        Assert.That((outcome.Changed, outcome.Failed, module.Applies, module.Actual), Is.EqualTo((true, false, 1, "blue")));
        Assert.That(outcome.Diff, Is.EqualTo(new[] { new DiffEntry("value", "red", "blue") }));
        Assert.That(outcome.Returns["value"], Is.EqualTo("blue"), "returns read after apply");
    }

    [Test]
    public async Task RunAsync_CheckMode_PredictsWithoutApplying()
    {
        var module = new KeyValueModule { Actual = "red" };

        var outcome = await Run(module, "blue", check: true);

        Assert.That((outcome.Changed, module.Applies, module.Actual), Is.EqualTo((true, 0, "red")));
        Assert.That(outcome.Diff.Single().After, Is.EqualTo("blue"));
    }

    [Test]
    public async Task RunAsync_ApplyDoesNotConverge_Fails()
    {
        var module = new KeyValueModule { Actual = "red", Broken = true };

        var outcome = await Run(module, "blue", check: false);

        Assert.That((outcome.Failed, outcome.Changed), Is.EqualTo((true, false)));
        Assert.That(outcome.Message, Is.EqualTo("kv did not converge: after applying, value is 'red', wanted 'blue'"));
    }

    [Test]
    public async Task RunAsync_SchemaErrors_FailBeforeTouchingTheHost()
    {
        var module = new KeyValueModule { Actual = "red" };
        var runner = ModuleRunners.State(module);

        var outcome = await runner.RunAsync(new ModuleArgs(module.Schema, new Dictionary<string, object?> { ["valeu"] = "x" }, new NoResources()), false, CancellationToken.None);

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("invalid arguments for module `kv`").And.Contain("did you mean `value`?").And.Contain("value: required"));
        Assert.That(module.Gets, Is.Zero);
    }

    [Test]
    public async Task RunAsync_ModuleValidateErrors_FailWithEveryError()
    {
        var module = new KeyValueModule { Actual = "red" };

        var outcome = await Run(module, "forbidden", check: false);

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Does.Contain("value: forbidden is not allowed"));
        Assert.That(module.Gets, Is.Zero);
    }

    [Test]
    public async Task RunAsync_ModuleException_BecomesFailedOutcome()
    {
        var module = new KeyValueModule { Actual = "red", ThrowOnApply = new ModuleException("disk on fire") };

        var outcome = await Run(module, "blue", check: false);

        Assert.That((outcome.Failed, outcome.Message), Is.EqualTo((true, "disk on fire")));
    }

    [Test]
    public void RunAsync_Bug_IsNotHidden()
    {
        var module = new KeyValueModule { Actual = "red", ThrowOnApply = new InvalidOperationException("bug") };

        Assert.That(async () => await Run(module, "blue", check: false), Throws.InvalidOperationException);
    }

    private static Task<ModuleOutcome> Run(KeyValueModule module, string value, bool check) =>
        ModuleRunners.State(module).RunAsync(
            new ModuleArgs(module.Schema, new Dictionary<string, object?> { ["value"] = value }, new NoResources()), check, CancellationToken.None);

    /// <summary>A module over one in-memory value, counting what the engine calls.</summary>
    private sealed class KeyValueModule : IModule<KeyValueModule.Args, string>
    {
        public ModuleSchema Schema { get; } = new("kv", "test", [new ArgSpec("value", ArgType.String, "v") { Required = true }]);

        public string Actual { get; set; } = string.Empty;

        public bool Broken { get; init; }

        public Exception? ThrowOnApply { get; init; }

        public int Applies { get; private set; }

        public int Gets { get; private set; }

        public Args Bind(ModuleArgs args) => new(args.RequiredString("value"));

        public IReadOnlyList<ArgError> Validate(Args args) =>
            args.Value == "forbidden" ? [new ArgError("value", "forbidden is not allowed")] : [];

        public Task<string> GetAsync(Args args, CancellationToken ct)
        {
            Gets++;
            return Task.FromResult(Actual);
        }

        public IReadOnlyList<DiffEntry> Compare(Args args, string actual) =>
            actual == args.Value ? [] : [new DiffEntry("value", actual, args.Value)];

        public Task ApplyAsync(Args args, string actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
        {
            Applies++;
            if (ThrowOnApply is not null)
            {
                throw ThrowOnApply;
            }

            if (!Broken)
            {
                Actual = args.Value;
            }

            return Task.CompletedTask;
        }

        public IReadOnlyDictionary<string, object?> Returns(Args args, string state) => new Dictionary<string, object?> { ["value"] = state };

        public sealed record Args(string Value);
    }
}
