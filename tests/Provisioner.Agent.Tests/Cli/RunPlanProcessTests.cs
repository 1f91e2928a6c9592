using System.Text.Json;
using Google.Protobuf;
using Provisioner.Core.Plans;
using Provisioner.Protocol.Mapping;
using static Provisioner.Agent.Tests.Engine.EngineHarness;

namespace Provisioner.Agent.Tests.Cli;

/// <summary>The published Native AOT prov-agent run as real processes against a scratch directory and state dir.</summary>
[Category("Slow")]
[NonParallelizable]
public sealed class RunPlanProcessTests
{
    private string _binary = null!;
    private string _dir = null!;

    private string StateDir => Path.Combine(_dir, "state");

    private string Scratch => Path.Combine(_dir, "scratch");

    [OneTimeSetUp]
    public async Task Publish() => _binary = await PublishedAgent.PathAsync();

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("prov-agent-cli-").FullName;
        Directory.CreateDirectory(Scratch);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task Version_PrintsVersion()
    {
        var (code, stdout, _) = await AgentProcess.RunAsync(_binary, "--version");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith("prov-agent 0."));
    }

    [Test]
    public async Task Binary_IsOneFileOfAtMost20MB_ThatRunsOnItsOwn()
    {
        var alone = Path.Combine(_dir, "prov-agent");
        File.Copy(_binary, alone);

        var (code, stdout, _) = await AgentProcess.RunAsync(alone, "--version");

        Assert.That(new FileInfo(alone).Length, Is.LessThanOrEqualTo(20_000_000), "prov-agent must publish as at most 20 MB");
        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith("prov-agent 0."));
    }

    [Test]
    public async Task Facts_PrintsJsonWithHostFacts()
    {
        var (code, stdout, _) = await AgentProcess.RunAsync(_binary, "facts");

        using var doc = JsonDocument.Parse(stdout);
        Assert.That(code, Is.Zero);
        Assert.That(doc.RootElement.GetProperty("hostname").GetString(), Is.Not.Empty);
        Assert.That(doc.RootElement.GetProperty("os").GetProperty("family").GetString(), Is.EqualTo("Debian"));
        Assert.That(doc.RootElement.GetProperty("memory").GetProperty("total_mb").GetInt64(), Is.GreaterThan(0));
    }

    [Test]
    public async Task RunPlan_JsonAndBinaryPlans_ConvergeThenReportNoChanges()
    {
        var plan = Plan(
            Task("p:1", "file", ("path", Scratch + "/etc"), ("state", "directory")),
            Task("p:2", "copy", ("dest", Scratch + "/etc/app.conf"), ("content", "port={{ port }}\n")))
            with { Vars = Map(("port", 8080L)) };

        var first = await RunPlanAsync(plan, "--run-id", "first");
        var second = await RunPlanAsync(plan, "--run-id", "second", "--json", "--binary-plan");

        Assert.That(first.ExitCode, Is.Zero, first.Stdout + first.Stderr);
        Assert.That(File.ReadAllText(Scratch + "/etc/app.conf"), Is.EqualTo("port=8080\n"));
        Assert.That(first.Stdout, Does.Contain("RUN succeeded").And.Contain("changed=2"));
        Assert.That(second.ExitCode, Is.Zero, second.Stdout + second.Stderr);
        var completed = JsonLines(second.Stdout).Last();
        Assert.That(completed.GetProperty("kind").GetString(), Is.EqualTo("run_completed"));
        Assert.That(completed.GetProperty("counts").GetProperty("changed").GetInt32(), Is.Zero);
        Assert.That(completed.GetProperty("counts").GetProperty("ok").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task RunPlan_CheckMode_ReportsChangesButChangesNothing()
    {
        var plan = Plan(
            Task("p:1", "file", ("path", Scratch + "/d"), ("state", "directory")),
            Task("p:2", "copy", ("dest", Scratch + "/f.txt"), ("content", "x\n")));

        var run = await RunPlanAsync(plan, "--check");

        Assert.That(run.ExitCode, Is.Zero, run.Stdout + run.Stderr);
        Assert.That(run.Stdout, Does.Contain("changed=2"));
        Assert.That(Directory.EnumerateFileSystemEntries(Scratch), Is.Empty);
    }

    [Test]
    public async Task RunPlan_FailingTask_ExitsTwoAndStopsThePlay()
    {
        var plan = Plan(
            Task("p:1", "copy", ("dest", Scratch + "/missing-dir/f.txt"), ("content", "x")),
            Task("p:2", "file", ("path", Scratch + "/after"), ("state", "touch")));

        var run = await RunPlanAsync(plan);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Stdout);
        Assert.That(run.Stdout, Does.Contain("RUN failed").And.Contain("p:1"));
        Assert.That(File.Exists(Scratch + "/after"), Is.False);
    }

    [Test]
    public async Task RunPlan_RepeatedRunId_PrintsRecordedRunWithoutRunningAgain()
    {
        var plan = Plan(Task("p:1", "file", ("path", Scratch + "/marker"), ("state", "touch")));
        var first = await RunPlanAsync(plan, "--run-id", "same-id");
        File.Delete(Scratch + "/marker");

        var again = await RunPlanAsync(plan, "--run-id", "same-id");

        Assert.That(first.ExitCode, Is.Zero);
        Assert.That(again.ExitCode, Is.Zero);
        Assert.That(again.Stderr, Does.Contain("already recorded (succeeded)"));
        Assert.That(again.Stdout, Is.EqualTo(first.Stdout));
        Assert.That(File.Exists(Scratch + "/marker"), Is.False, "the task must not run a second time");
    }

    [Test]
    public async Task RunPlan_KilledMidRun_NextStartReportsInterruptedNeverSuccess()
    {
        var slow = Plan(LongTask("p:1"));
        var planFile = WritePlan(slow, "slow.json");
        using (var victim = AgentProcess.Start(_binary, "run-plan", planFile, "--state-dir", StateDir, "--run-id", "victim"))
        {
            await victim.WaitForOutputAsync("FAILED - RETRYING", TimeSpan.FromSeconds(30));
            victim.KillHard();
        }

        var next = await RunPlanAsync(Plan(Task("p:1", "file", ("path", Scratch + "/ok"), ("state", "touch"))), "--run-id", "next");
        var replay = await RunPlanAsync(slow, "--run-id", "victim", "--json");

        Assert.That(next.ExitCode, Is.Zero, next.Stdout + next.Stderr);
        Assert.That(next.Stderr, Does.Contain("earlier run victim found unfinished").And.Contain("interrupted"));
        Assert.That(replay.ExitCode, Is.EqualTo(2));
        Assert.That(replay.Stderr, Does.Contain("already recorded (interrupted)"));
        var last = JsonLines(replay.Stdout).Last();
        Assert.That(last.GetProperty("status").GetString(), Is.EqualTo("interrupted"));
        var seqs = JsonLines(replay.Stdout).Select(e => e.GetProperty("seq").GetInt64()).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, seqs.Count).Select(i => (long)i)));
    }

    [Test]
    public async Task RunPlan_FailedRunAfterChange_HandlerPendingRunsOnNextRun()
    {
        var handler = Task("h:1", "file", ("path", Scratch + "/reloaded"), ("state", "touch")) with { Name = "reload app" };
        var failing = Plan(
            Task("p:1", "copy", ("dest", Scratch + "/app.conf"), ("content", "v2\n")) with { Notify = ["reload app"] },
            Task("p:2", "copy", ("dest", Scratch + "/no/such/dir"), ("content", "x")))
            with { Handlers = [handler] };

        var first = await RunPlanAsync(failing);

        Assert.That(first.ExitCode, Is.EqualTo(2), first.Stdout);
        Assert.That(File.Exists(Scratch + "/reloaded"), Is.False, "handlers do not run when the play fails");
        Assert.That(File.ReadAllText(Path.Combine(StateDir, "handlers", "pending.json")), Does.Contain("reload app"));

        var converged = Plan(Task("p:1", "copy", ("dest", Scratch + "/app.conf"), ("content", "v2\n")) with { Notify = ["reload app"] }) with { Handlers = [handler] };
        var second = await RunPlanAsync(converged);

        Assert.That(second.ExitCode, Is.Zero, second.Stdout);
        Assert.That(second.Stdout, Does.Contain("ok: p:1").And.Contain("HANDLER reload app"));
        Assert.That(File.Exists(Scratch + "/reloaded"), Is.True);
        Assert.That(File.ReadAllText(Path.Combine(StateDir, "handlers", "pending.json")), Does.Not.Contain("reload app"));
    }

    [Test]
    public async Task RunPlan_TwoConcurrentRuns_SecondWaitsForFirst()
    {
        var slowFile = WritePlan(Plan(LongTask("p:1", retries: 8)), "slow.json");
        var quickFile = WritePlan(Plan(Task("q:1", "file", ("path", Scratch + "/quick"), ("state", "touch"))), "quick.json");
        using var slow = AgentProcess.Start(_binary, "run-plan", slowFile, "--state-dir", StateDir, "--run-id", "slow", "--json");
        await slow.WaitForOutputAsync("task_started", TimeSpan.FromSeconds(30));

        using var quick = AgentProcess.Start(_binary, "run-plan", quickFile, "--state-dir", StateDir, "--run-id", "quick", "--json");
        Assert.That(await slow.WaitAsync(TimeSpan.FromMinutes(1)), Is.EqualTo(2));
        Assert.That(await quick.WaitAsync(TimeSpan.FromMinutes(1)), Is.Zero, quick.Stderr);

        var slowEnd = JsonLines(slow.Stdout).Last().GetProperty("time").GetDateTimeOffset();
        var quickStart = JsonLines(quick.Stdout).First().GetProperty("time").GetDateTimeOffset();
        Assert.That(quickStart, Is.GreaterThanOrEqualTo(slowEnd));
    }

    [Test]
    public async Task RunPlan_BusyLongerThanWait_ExitsOneSayingBusy()
    {
        var slowFile = WritePlan(Plan(LongTask("p:1")), "slow.json");
        using var slow = AgentProcess.Start(_binary, "run-plan", slowFile, "--state-dir", StateDir, "--run-id", "slow");
        await slow.WaitForOutputAsync("TASK", TimeSpan.FromSeconds(30));

        var busy = await RunPlanAsync(Plan(Task("q:1", "file", ("path", Scratch + "/quick"), ("state", "touch"))), "--wait", "0.3");

        Assert.That(busy.ExitCode, Is.EqualTo(1));
        Assert.That(busy.Stderr, Does.Contain("busy").And.Contain("run slow"));
        Assert.That(File.Exists(Scratch + "/quick"), Is.False);
    }

    [Test]
    public async Task RunPlan_InvalidPlanFile_ExitsFourWithLocation()
    {
        var file = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(file, "{ \"host\": \"web1\", \"tasks\": [ { \"nope\": 1 } ] }");

        var (code, _, stderr) = await AgentProcess.RunAsync(_binary, "run-plan", file, "--state-dir", StateDir);

        Assert.That(code, Is.EqualTo(4));
        Assert.That(stderr, Does.StartWith(file + ":1:1: error:"));
    }

    /// <summary>A task that keeps the run busy: touches a file (always "changed") until an `until` that never holds gives up.</summary>
    private PlanTask LongTask(string id, int retries = 200) =>
        Task(id, "file", ("path", Scratch + "/busy"), ("state", "touch")) with
        {
            Register = "r",
            Until = "false",
            Retries = retries,
            Delay = TimeSpan.FromMilliseconds(200),
        };

    private string WritePlan(HostPlan plan, string name, bool binary = false)
    {
        var path = Path.Combine(_dir, name);
        var proto = PlanMapper.ToProto(plan);
        if (binary)
        {
            File.WriteAllBytes(path, proto.ToByteArray());
        }
        else
        {
            File.WriteAllText(path, JsonFormatter.Default.Format(proto));
        }

        return path;
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunPlanAsync(HostPlan plan, params string[] options)
    {
        var binary = options.Contains("--binary-plan");
        var file = WritePlan(plan, $"plan-{Guid.NewGuid():N}{(binary ? ".pb" : ".json")}", binary);
        string[] args = ["run-plan", file, "--state-dir", StateDir, .. options.Where(o => o != "--binary-plan")];
        return await AgentProcess.RunAsync(_binary, args);
    }

    private static List<JsonElement> JsonLines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
