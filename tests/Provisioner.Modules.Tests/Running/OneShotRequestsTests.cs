using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Running;

namespace Provisioner.Modules.Tests.Running;

/// <summary>A one-shot request (a restart) is reported every time, yet converges: the check after Apply leaves it out.</summary>
public class OneShotRequestsTests
{
    [Test]
    public async Task RunAsync_OneShotRequest_ChangesEveryTimeWithoutFailing()
    {
        var module = new CounterModule();
        var runner = ModuleRunners.State(module);
        var args = new ModuleArgs(module.Schema, new Dictionary<string, object?> { ["bump"] = true }, new NoResources());

        var predicted = await runner.RunAsync(args, check: true, CancellationToken.None);
        var first = await runner.RunAsync(args, check: false, CancellationToken.None);
        var second = await runner.RunAsync(args, check: false, CancellationToken.None);

        Assert.That((predicted.Changed, first.Changed, first.Failed, second.Changed, second.Failed), Is.EqualTo((true, true, false, true, false)), first.Message);
        Assert.That(module.Count, Is.EqualTo(2), "check mode must not apply");
    }

    [Test]
    public async Task RunAsync_SettledStateStillDiffers_FailsAsNotConverged()
    {
        var module = new CounterModule { Limit = 0 };
        var runner = ModuleRunners.State(module);

        var outcome = await runner.RunAsync(new ModuleArgs(module.Schema, new Dictionary<string, object?> { ["bump"] = true }, new NoResources()), false, CancellationToken.None);

        Assert.That(outcome.Failed, Is.True);
        Assert.That(outcome.Message, Is.EqualTo("counter did not converge: after applying, count is '1', wanted 'at most 0'"));
    }

    /// <summary>"bump" is one-shot; the settled requirement is that the count stays within the limit.</summary>
    private sealed class CounterModule : IModule<CounterModule.Args, int>, IOneShotRequests<CounterModule.Args>
    {
        public ModuleSchema Schema { get; } = new("counter", "test", [new ArgSpec("bump", ArgType.Bool, "b")]);

        public int Count { get; private set; }

        public int Limit { get; init; } = 100;

        public Args Bind(ModuleArgs args) => new(args.Bool("bump"));

        public IReadOnlyList<ArgError> Validate(Args args) => [];

        public Task<int> GetAsync(Args args, CancellationToken ct) => Task.FromResult(Count);

        public IReadOnlyList<DiffEntry> Compare(Args args, int actual)
        {
            var diff = new List<DiffEntry>();
            if (args.Bump)
            {
                diff.Add(new DiffEntry("count", $"{actual}", "bumped"));
            }

            if (actual > Limit)
            {
                diff.Add(new DiffEntry("count", $"{actual}", $"at most {Limit}"));
            }

            return diff;
        }

        public Task ApplyAsync(Args args, int actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
        {
            Count++;
            return Task.CompletedTask;
        }

        public Args Settled(Args args) => args with { Bump = false };

        public IReadOnlyDictionary<string, object?> Returns(Args args, int state) => new Dictionary<string, object?>();

        public sealed record Args(bool Bump);
    }
}
