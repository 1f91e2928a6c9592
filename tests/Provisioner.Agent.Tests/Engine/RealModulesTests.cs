using Provisioner.Agent.Engine;
using Provisioner.Agent.Facts;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules;
using Provisioner.Modules.Seams;
using Provisioner.Templating;
using static Provisioner.Agent.Tests.Engine.EngineHarness;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

/// <summary>The engine with the real module catalog, real processes and real files in a scratch directory.</summary>
public sealed class RealModulesTests
{
    private string _dir = null!;
    private MemoryNotifications _notifications = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("prov-real-").FullName;
        _notifications = new MemoryNotifications();
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private async Task<RunOutput> RunAsync(HostPlan plan)
    {
        var time = TimeProvider.System;
        var processes = new ProcessRunner(time);
        var catalog = new ModuleCatalog(new LocalFileSystem(processes), processes, time);
        var engine = new PlayEngine(catalog.FindRunner, FactGatherer.ForHost(), new TemplateEngine(), time);
        var sink = new MemorySink();
        var completed = await engine.RunAsync("real", plan, sink, _notifications, CancellationToken.None);
        return new RunOutput(completed, sink.Events);
    }

    [Test]
    public async Task RunAsync_TimeoutOnShellWithBackgroundSleep_KillsTheWholeProcessGroup()
    {
        // Unusual durations mark our processes in /proc.
        var plan = Plan(Task("t1", "shell", ("cmd", "sleep 3117 & sleep 3118")) with { Timeout = TimeSpan.FromSeconds(2) });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var running = RunAsync(plan);
        var seen = 0;
        while (!running.IsCompleted && seen < 2)
        {
            seen = Math.Max(seen, SleepsAlive().Count);
            await System.Threading.Tasks.Task.Delay(20);
        }

        var run = await running;
        Assert.That(seen, Is.EqualTo(2), "both sleeps were running before the timeout");

        var result = run.Result("t1");
        Assert.That(result.Status, Is.EqualTo(TaskStatus.Failed));
        Assert.That(result.TimedOut, Is.True);
        Assert.That(result.Message, Does.StartWith("timed out after 2 s"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (SleepsAlive().Count > 0 && DateTime.UtcNow < deadline)
        {
            await System.Threading.Tasks.Task.Delay(50);
        }

        Assert.That(SleepsAlive(), Is.Empty, "sleep 3117 (in the background) and sleep 3118 must both be killed");
    }

    [Test]
    public async Task RunAsync_CommandRegisterChangedWhenSetFactDebug_WorkTogether()
    {
        var plan = Plan(
            Task("t1", "command", ("argv", new List<object?> { "printf", "%s\\n", "alpha", "beta" })) with { Register = "out", ChangedWhen = ["false"] },
            Task("t2", "set_fact", ("second", "{{ out.stdout_lines[1] }}"), ("count", "{{ out.stdout_lines | array.size }}")),
            Task("t3", "debug", ("msg", "{{ second }}/{{ count }}/{{ out.rc }}")),
            Task("t4", "command", ("argv", new List<object?> { "sh", "-c", "exit 3" })) with { Register = "r4", FailedWhen = ["r4.rc != 3"] });

        var run = await RunAsync(plan);

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded), run.AllText);
        Assert.That(run.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(run.Result("t3").Message, Is.EqualTo("beta/2/0"));
        Assert.That(run.Status("t4"), Is.EqualTo(TaskStatus.Changed));
    }

    [Test]
    public async Task RunAsync_LoopOfFilesThenCheckModeOfNewOnes_CreatesOnlyInRealMode()
    {
        var files = new List<object?> { "a", "b", "c" };
        var real = Plan(Task("t1", "file", ("path", _dir + "/{{ item }}"), ("state", "directory")) with { Loop = files });
        var check = Plan(Task("t1", "file", ("path", _dir + "/new-{{ item }}"), ("state", "directory")) with { Loop = files }) with { Check = true };

        var first = await RunAsync(real);
        var again = await RunAsync(real);
        var dry = await RunAsync(check);

        Assert.That(first.Items("t1").Select(r => r.Status), Is.All.EqualTo(TaskStatus.Changed));
        Assert.That(again.Status("t1"), Is.EqualTo(TaskStatus.Ok));
        Assert.That(dry.Status("t1"), Is.EqualTo(TaskStatus.Changed));
        Assert.That(Directory.GetDirectories(_dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public async Task RunAsync_BlockWithFailModuleAndRescue_RescuesAndAlwaysRuns()
    {
        var block = new PlanTask
        {
            Id = "b",
            Block = [Task("b1", "fail", ("msg", "disk full")), Task("b2", "file", ("path", _dir + "/never"), ("state", "touch"))],
            Rescue = [Task("r1", "copy", ("dest", _dir + "/rescued"), ("content", "{{ prov_failed_result.msg }}"))],
            Always = [Task("a1", "file", ("path", _dir + "/always"), ("state", "touch"))],
        };

        var run = await RunAsync(Plan(block));

        Assert.That(run.Completed.Status, Is.EqualTo(RunStatus.Succeeded), run.AllText);
        Assert.That(run.Status("b1"), Is.EqualTo(TaskStatus.Rescued));
        Assert.That(File.ReadAllText(_dir + "/rescued"), Is.EqualTo("disk full"));
        Assert.That(File.Exists(_dir + "/always"), Is.True);
        Assert.That(File.Exists(_dir + "/never"), Is.False);
    }

    [Test]
    public async Task RunAsync_CopyNotifiesHandlerByListen_HandlerRunsOnlyWhenChanged()
    {
        var handlers = new List<PlanTask>
        {
            Task("h1", "shell", ("cmd", $"echo x >> {_dir}/reloads")) with { Name = "reload app", Listen = ["config changed"] },
        };
        var plan = Plan(Task("t1", "copy", ("dest", _dir + "/app.conf"), ("content", "v1\n")) with { Notify = ["config changed"] }) with { Handlers = handlers };

        await RunAsync(plan);
        await RunAsync(plan);

        Assert.That(File.ReadAllLines(_dir + "/reloads"), Has.Length.EqualTo(1));
    }

    [Test]
    public async Task RunAsync_NoLogCommandPrintingSecret_SecretInNoEvent()
    {
        const string secret = "pa55-w0rd-xyz";
        var plan = Plan(
            Task("t1", "command", ("argv", new List<object?> { "echo", secret })) with { NoLog = true, Register = "out" },
            Task("t2", "debug", ("msg", "{{ out.stdout | string.size }}")),
            Task("t3", "command", ("argv", new List<object?> { "echo", "{{ db_password }}" })))
            with { Vars = Map(("db_password", "other-s3cret")), SecretVars = ["db_password"] };

        var run = await RunAsync(plan);

        Assert.That(run.AllText, Does.Not.Contain(secret).And.Not.Contain("other-s3cret"));
        Assert.That(run.Result("t2").Message, Is.EqualTo(secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(((IReadOnlyDictionary<string, object?>)run.Result("t3").Result!)["stdout"], Is.EqualTo("********"));
    }

    private static List<int> SleepsAlive() =>
        Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => int.TryParse(n, out _))
            .Where(pid =>
            {
                try
                {
                    var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
                    return cmdline is "sleep\u00003117\u0000" or "sleep\u00003118\u0000";
                }
                catch (IOException)
                {
                    return false;
                }
            })
            .Select(n => int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
