using Microsoft.Extensions.Time.Testing;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

public sealed class PlayEngineRetryTimeoutTests
{
    [Test]
    public async Task RunAsync_UntilHoldsOnThirdAttempt_RetriesWithDelayFromTimeProvider()
    {
        var time = new FakeTimeProvider();
        var attempts = 0;
        var harness = new EngineHarness(time).Add(new FakeModule("count", (_, _, _) =>
            System.Threading.Tasks.Task.FromResult(new ModuleOutcome { Returns = new Dictionary<string, object?> { ["n"] = (long)++attempts } })));
        var plan = Plan(Task("t1", module: "count") with { Register = "r", Until = "r.n >= 3", Retries = 5, Delay = TimeSpan.FromSeconds(10) });

        var running = harness.RunAsync(plan);
        var started = time.GetUtcNow();
        while (!running.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await System.Threading.Tasks.Task.Delay(1);
        }

        var run = await running;
        Assert.That(attempts, Is.EqualTo(3));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(run.Registered("t1", "attempts"), Is.EqualTo(3L));
        Assert.That(run.Events.OfType<LogEvent>().Count(l => l.Text.StartsWith("FAILED - RETRYING", StringComparison.Ordinal)), Is.EqualTo(2));
        Assert.That(time.GetUtcNow() - started, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(20)));
    }

    [Test]
    public async Task RunAsync_UntilNeverHolds_FailsAfterRetriesPlusOneAttempts()
    {
        var attempts = 0;
        var harness = new EngineHarness().Add(new FakeModule("count", (_, _, _) =>
            System.Threading.Tasks.Task.FromResult(new ModuleOutcome { Returns = new Dictionary<string, object?> { ["n"] = (long)++attempts } })));

        var run = await harness.RunAsync(Plan(Task("t1", module: "count") with { Register = "r", Until = "r.n > 100", Retries = 2, Delay = TimeSpan.Zero }));

        Assert.That(attempts, Is.EqualTo(3));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Failed));
        Assert.That(run.Result("t1").Message, Does.Contain("retried 3 times").And.Contain("r.n > 100"));
    }

    [Test]
    public async Task RunAsync_RetriesWithoutUntil_RetriesUntilNotFailed()
    {
        var attempts = 0;
        var harness = new EngineHarness().Add(new FakeModule("flaky", (_, _, _) =>
            System.Threading.Tasks.Task.FromResult(++attempts < 2 ? ModuleOutcome.Fail("not yet") : new ModuleOutcome { Changed = true })));

        var run = await harness.RunAsync(Plan(Task("t1", module: "flaky") with { Retries = 4, Delay = TimeSpan.Zero }));

        Assert.That(attempts, Is.EqualTo(2));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Changed));
    }

    [Test]
    public async Task RunAsync_TimeoutOnModuleThatHonoursCancellation_ReportsTimedOut()
    {
        var harness = new EngineHarness().Add(new FakeModule("hang", async (_, _, ct) =>
        {
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, ct);
            return new ModuleOutcome();
        }));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var run = await harness.RunAsync(Plan(Task("t1", module: "hang") with { Timeout = TimeSpan.FromMilliseconds(200) }, Task("t2")));

        var result = run.Result("t1");
        Assert.That(result.Status, Is.EqualTo(TaskStatus.Failed));
        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.Message, Does.StartWith("timed out after 0.2 s"));
        Assert.That(run.Ran("t2"), Is.False);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task RunAsync_TimeoutOnModuleThatIgnoresCancellation_MovesOnAfterGrace()
    {
        var release = new TaskCompletionSource<ModuleOutcome>();
        var harness = new EngineHarness { TimeoutGrace = TimeSpan.FromMilliseconds(100) }
            .Add(new FakeModule("stuck", (_, _, _) => release.Task));

        var run = await harness.RunAsync(Plan(Task("t1", module: "stuck") with { Timeout = TimeSpan.FromMilliseconds(100), IgnoreErrors = true }, Task("t2")));
        release.SetResult(new ModuleOutcome());

        Assert.That(run.Result("t1").Message, Does.Contain("may still be running"));
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ignored));
        Assert.That(run.Ran("t2"), Is.True);
    }

    [Test]
    public async Task RunAsync_Cancelled_CompletesAsCancelledWithoutRunningLaterTasks()
    {
        using var cts = new CancellationTokenSource();
        var harness = new EngineHarness().Add(new FakeModule("hang", async (_, _, ct) =>
        {
            await cts.CancelAsync();
            await System.Threading.Tasks.Task.Delay(Timeout.Infinite, ct);
            return new ModuleOutcome();
        }));

        var run = await harness.RunAsync(Plan(Task("t1", module: "hang"), Task("t2")), cts.Token);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(run.Ran("t2"), Is.False);
        Assert.That(run.Events[^1], Is.SameAs(run.Completed));
    }
}
