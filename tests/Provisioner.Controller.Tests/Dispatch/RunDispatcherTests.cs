using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.Dispatch;

public sealed class RunDispatcherTests
{
    private const string OneTask = """
        - name: Converge
          hosts: app
          tasks:
            - name: configure
              command: "true"
        """;

    private static async Task<(RunSummary Summary, CollectingReporter Reports)> RunAsync(
        FakeAgents agents, string site, string hosts, int forks = 50, string? runId = "RUN")
    {
        var playbook = TestPlaybook.Compile(site, hosts);
        var reports = new CollectingReporter();
        var options = new DispatchOptions { Forks = forks, RunId = runId, WatchResumeDelay = TimeSpan.Zero, User = "tester" };
        var summary = await new RunDispatcher(agents, TimeProvider.System, options).RunAsync(playbook, reports, CancellationToken.None);
        return (summary, reports);
    }

    [Test]
    public async Task Run_SerialTwoAndMaxFail20With3Failing_NoBatchStartsAfterThreshold()
    {
        var agents = new FakeAgents();
        agents.Failing.UnionWith(["h03", "h06", "h09"]);
        var site = """
            - name: Rolling
              hosts: app
              serial: 2
              max_fail_percentage: 20
              tasks:
                - name: upgrade
                  command: "true"
            """;

        var (summary, reports) = await RunAsync(agents, site, TestPlaybook.Hosts(TestPlaybook.Numbered(10)));

        Assert.Multiple(() =>
        {
            Assert.That(agents.Started.Select(s => s.Host).Order(), Is.EqualTo(new[] { "h01", "h02", "h03", "h04" }), "only batches 1 and 2 started");
            Assert.That(summary.NotRun.Select(u => u.Host), Is.EqualTo(new[] { "h05", "h06", "h07", "h08", "h09", "h10" }));
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Failed));
            var aborted = reports.Of<PlayAbortedReport>().Single();
            Assert.That(aborted.NotStarted, Is.EqualTo(new[] { "h05", "h06", "h07", "h08", "h09", "h10" }));
            Assert.That(aborted.Reason, Does.Contain("max_fail_percentage 20% exceeded: 1 of 2 hosts in batch 2 failed (50%)"));
            Assert.That(reports.Of<BatchStartedReport>().Select(b => b.Batch), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(summary.Recap.Single(r => r.Host == "h03").Failed, Is.EqualTo(1));
            Assert.That(summary.Recap.Single(r => r.Host == "h04").Changed, Is.EqualTo(1), "the rest of the failing batch finishes");
            Assert.That(summary.Recap.Single(r => r.Host == "h05"), Is.EqualTo(new HostRecap("h05") { Ok = 1 }), "untouched: only its facts were gathered");
            Assert.That(reports.Of<RunFinishedReport>().Single().NotRun.Select(u => u.Host), Is.EqualTo(summary.NotRun.Select(u => u.Host)));
        });
    }

    [Test]
    public async Task Run_OneHostFails_OtherHostsComplete()
    {
        var agents = new FakeAgents();
        agents.Failing.Add("h2");

        var (summary, _) = await RunAsync(agents, OneTask, TestPlaybook.Hosts("h1", "h2", "h3"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.Started.Select(s => s.Host).Order(), Is.EqualTo(new[] { "h1", "h2", "h3" }));
            Assert.That(summary.Recap.Select(r => (r.Host, r.Ok, r.Changed, r.Failed)), Is.EqualTo(new[]
            {
                ("h1", 2, 1, 0), ("h2", 1, 0, 1), ("h3", 2, 1, 0),
            }), "ok counts facts and the changed task");
            Assert.That(summary.NotRun, Is.Empty);
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Failed));
        });
    }

    [Test]
    public async Task Run_UnreachableHost_ReportedUnreachableNotFailed()
    {
        var agents = new FakeAgents();
        agents.Unreachable.Add("h2");

        var (summary, reports) = await RunAsync(agents, OneTask, TestPlaybook.Hosts("h1", "h2"));

        Assert.Multiple(() =>
        {
            var h2 = summary.Recap.Single(r => r.Host == "h2");
            Assert.That((h2.Unreachable, h2.Failed), Is.EqualTo((1, 0)));
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Unreachable));
            Assert.That(agents.Started.Select(s => s.Host), Is.EqualTo(new[] { "h1" }));
            Assert.That(reports.Of<FactsReport>().Single(f => f.Host == "h2").Status, Is.EqualTo("unreachable"));
            Assert.That(reports.Of<TaskResultReport>().Where(t => t.Status == "failed"), Is.Empty);
        });
    }

    [Test]
    public async Task Run_HostLostDuringRun_UnreachableAfterResumeAttempts()
    {
        var agents = new FakeAgents();
        agents.LostDuringRun.Add("h1");

        var (summary, reports) = await RunAsync(agents, OneTask, TestPlaybook.Hosts("h1"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.WatchCalls["h1"], Is.EqualTo(new DispatchOptions().WatchResumeAttempts + 1));
            Assert.That(summary.Recap.Single().Unreachable, Is.EqualTo(1));
            Assert.That(summary.Recap.Single().Failed, Is.Zero);
            Assert.That(reports.Of<HostUnreachableReport>().Single().Message, Does.Contain("lost contact during run RUN-1-h1"));
        });
    }

    [Test]
    public async Task Run_AgentRefusesRun_HostFailedNotUnreachable()
    {
        var agents = new FakeAgents();
        agents.Busy.Add("h1");

        var (summary, reports) = await RunAsync(agents, OneTask, TestPlaybook.Hosts("h1", "h2"));

        Assert.Multiple(() =>
        {
            Assert.That(summary.Recap.Single(r => r.Host == "h1").Failed, Is.EqualTo(1));
            Assert.That(summary.Recap.Single(r => r.Host == "h1").Unreachable, Is.Zero);
            Assert.That(reports.Of<HostFailedReport>().Single().Message, Does.Contain("another run holds the lock"));
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Failed));
        });
    }

    [Test]
    public async Task Run_StreamBreaks_ResumesAfterLastSeenEvent()
    {
        var agents = new FakeAgents();
        agents.BreakStream["h1"] = 2;
        var site = """
            - hosts: app
              tasks:
                - { name: one, command: "true" }
                - { name: two, command: "true" }
                - { name: three, command: "true" }
            """;

        var (summary, reports) = await RunAsync(agents, site, TestPlaybook.Hosts("h1"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.WatchCalls["h1"], Is.EqualTo(3));
            Assert.That(reports.Of<TaskResultReport>().Select(t => t.Name), Is.EqualTo(new[] { "one", "two", "three" }), "each event exactly once");
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Ok));
        });
    }

    [Test]
    public async Task Run_FailedHost_DroppedFromLaterPlays()
    {
        var agents = new FakeAgents();
        agents.Failing.Add("h2");
        var site = OneTask + "\n" + OneTask.Replace("Converge", "Second", StringComparison.Ordinal);

        var (summary, reports) = await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2", "h3"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.Started.Where(s => s.RunId.StartsWith("RUN-2-", StringComparison.Ordinal)).Select(s => s.Host).Order(), Is.EqualTo(new[] { "h1", "h3" }));
            Assert.That(reports.Of<PlayStartedReport>().Last().Hosts, Is.EqualTo(new[] { "h1", "h3" }));
            Assert.That(summary.NotRun, Is.Empty, "a failed host is not 'not run'");
        });
    }

    [Test]
    public async Task Run_EveryHostOfBatchFails_LaterPlaysDoNotStart()
    {
        var agents = new FakeAgents();
        agents.Failing.Add("h1");
        var site = """
            - name: First
              hosts: h1
              tasks:
                - command: "true"
            - name: Second
              hosts: h2
              tasks:
                - command: "true"
            """;

        var (summary, reports) = await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.Started.Select(s => s.Host), Is.EqualTo(new[] { "h1" }));
            Assert.That(summary.NotRun, Is.EqualTo(new[] { new UntouchedHost("h2", 1, "Second") }));
            Assert.That(reports.Of<PlayAbortedReport>().Single().Reason, Is.EqualTo("every host of batch 1 failed"));
        });
    }

    [Test]
    public async Task Run_RunOnce_OnlyFirstHostOfEachBatchRunsTheTask()
    {
        var agents = new FakeAgents();
        var site = """
            - hosts: app
              serial: 2
              tasks:
                - name: once
                  command: "true"
                  run_once: true
                - name: everywhere
                  command: "true"
            """;

        await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2", "h3"));

        var tasks = agents.Started.ToDictionary(s => s.Host, s => s.Plan.Tasks.Select(t => t.Name).ToList());
        Assert.Multiple(() =>
        {
            Assert.That(tasks["h1"], Is.EqualTo(new[] { "once", "everywhere" }));
            Assert.That(tasks["h2"], Is.EqualTo(new[] { "everywhere" }));
            Assert.That(tasks["h3"], Is.EqualTo(new[] { "once", "everywhere" }), "h3 is first of the second batch");
        });
    }

    [Test]
    public async Task Run_Forks_LimitsHostsRunningAtOnce()
    {
        var agents = new FakeAgents { TaskTime = TimeSpan.FromMilliseconds(20) };

        await RunAsync(agents, OneTask, TestPlaybook.Hosts(TestPlaybook.Numbered(6)), forks: 2);

        Assert.Multiple(() =>
        {
            Assert.That(agents.Started, Has.Count.EqualTo(6));
            Assert.That(agents.MaxConcurrentRuns, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Run_TwoPlays_FactsGatheredOncePerHost()
    {
        var agents = new FakeAgents();
        var site = OneTask + "\n" + OneTask.Replace("Converge", "Second", StringComparison.Ordinal);

        var (_, reports) = await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2"));

        Assert.Multiple(() =>
        {
            Assert.That(agents.FactsCalls, Is.EquivalentTo(new Dictionary<string, int> { ["h1"] = 1, ["h2"] = 1 }));
            Assert.That(reports.Of<FactsReport>().Count(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Run_HostVarsUsed_PlanCarriesOtherHostsFacts()
    {
        var agents = new FakeAgents();
        var site = """
            - hosts: app
              tasks:
                - command: "echo {{ hostvars['h2'].facts.hostname }}"
            """;

        await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2"));

        var plan = agents.Started.Single(s => s.Host == "h1").Plan;
        var hostvars = (IReadOnlyDictionary<string, object?>)plan.Vars["hostvars"]!;
        var h2 = (IReadOnlyDictionary<string, object?>)hostvars["h2"]!;
        Assert.That(((IReadOnlyDictionary<string, object?>)h2["facts"]!)["hostname"], Is.EqualTo("h2"));
    }

    [Test]
    public async Task Run_RunIds_OnePerHostPerPlayDerivedFromRunId()
    {
        var agents = new FakeAgents();
        var site = OneTask + "\n" + OneTask.Replace("Converge", "Second", StringComparison.Ordinal);

        var (summary, reports) = await RunAsync(agents, site, TestPlaybook.Hosts("h1", "h2"), runId: null);

        Assert.Multiple(() =>
        {
            Assert.That(summary.RunId, Does.Match("^[0-9A-HJKMNP-TV-Z]{26}$"), "a ULID");
            Assert.That(agents.Started.Select(s => s.RunId).Order(), Is.EqualTo(new[]
            {
                $"{summary.RunId}-1-h1", $"{summary.RunId}-1-h2", $"{summary.RunId}-2-h1", $"{summary.RunId}-2-h2",
            }));
            Assert.That(reports.Of<RunStartedReport>().Single().RunId, Is.EqualTo(summary.RunId));
        });
    }
}
