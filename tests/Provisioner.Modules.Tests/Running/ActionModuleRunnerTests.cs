using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Running;

namespace Provisioner.Modules.Tests.Running;

public class ActionModuleRunnerTests
{
    [TestCase(true, false, 1)]
    [TestCase(true, true, 1)]
    [TestCase(false, false, 1)]
    [TestCase(false, true, 0)]
    public async Task RunAsync_CheckMode_RunsOnlyWhenSupported(bool supportsCheck, bool check, int expectedRuns)
    {
        var module = new CountingAction(supportsCheck);

        var outcome = await ModuleRunners.Action(module).RunAsync(new ModuleArgs(module.Schema, new Dictionary<string, object?>(), new NoResources()), check, CancellationToken.None);

        Assert.That(module.Runs, Is.EqualTo(expectedRuns));
        Assert.That(outcome.SkippedInCheckMode, Is.EqualTo(expectedRuns == 0));
        Assert.That(outcome.Changed, Is.EqualTo(expectedRuns == 1));
    }

    [Test]
    public async Task RunAsync_UnknownArgument_FailsWithoutRunning()
    {
        var module = new CountingAction(true);

        var outcome = await ModuleRunners.Action(module).RunAsync(new ModuleArgs(module.Schema, new Dictionary<string, object?> { ["x"] = 1L }, new NoResources()), false, CancellationToken.None);

        Assert.That((outcome.Failed, module.Runs), Is.EqualTo((true, 0)));
    }

    private sealed class CountingAction(bool supportsCheck) : IActionModule<object>
    {
        public ModuleSchema Schema { get; } = new("counting", "test", []) { SupportsCheckMode = supportsCheck };

        public int Runs { get; private set; }

        public object Bind(ModuleArgs args) => new();

        public IReadOnlyList<ArgError> Validate(object args) => [];

        public Task<ModuleOutcome> RunAsync(object args, bool check, CancellationToken ct)
        {
            Runs++;
            return Task.FromResult(new ModuleOutcome { Changed = true });
        }
    }
}
