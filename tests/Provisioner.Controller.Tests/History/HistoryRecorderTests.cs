using Microsoft.Data.Sqlite;
using Provisioner.Controller.Dispatch;
using Provisioner.Controller.History;
using Provisioner.Controller.Reporting;
using Provisioner.Controller.Tests.Dispatch;
using Provisioner.Controller.Tests.Reporting;

namespace Provisioner.Controller.Tests.History;

public sealed class HistoryRecorderTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("prov-recorder-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static string Tasks(int count) =>
        "- hosts: app\n  tasks:\n" + string.Concat(Enumerable.Range(1, count).Select(i => $"    - {{ name: task{i}, command: \"true\" }}\n"));

    /// <summary>Runs the playbook through the real dispatcher with the recorder and a collector side by side, as prov apply does.</summary>
    private async Task<(RunSummary Summary, CollectingReporter Shown)> RecordAsync(FakeAgents agents, string site, int hosts, CancellationToken ct)
    {
        var playbook = TestPlaybook.Compile(site, TestPlaybook.Hosts(TestPlaybook.Numbered(hosts)));
        var shown = new CollectingReporter();
        using var store = HistoryStore.Open(_directory);
        RunSummary summary;
        await using (var recorder = new HistoryRecorder(store))
        {
            var options = new DispatchOptions { Forks = hosts, RunId = "RUN", User = "tester" };
            summary = await new RunDispatcher(agents, TimeProvider.System, options).RunAsync(playbook, new TeeReporter(shown, recorder), ct);
            await recorder.CompleteAsync();
            Assert.That(recorder.Error, Is.Null);
        }

        return (summary, shown);
    }

    private List<ReportEvent> Stored(string runId)
    {
        using var store = HistoryStore.Open(_directory);
        return store.Events(runId).ToList();
    }

    [Test]
    public async Task Record_ManyEventsFromConcurrentHosts_AllRecordedInOrderPerHost()
    {
        var agents = new FakeAgents { TaskTime = TimeSpan.FromMilliseconds(1) };

        var (summary, shown) = await RecordAsync(agents, Tasks(15), hosts: 40, CancellationToken.None);

        var stored = Stored("RUN");
        using var store = HistoryStore.Open(_directory);
        var outcomes = store.TaskOutcomes("RUN");
        Assert.Multiple(() =>
        {
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Ok));
            Assert.That(stored.Select(JsonLinesReporter.Serialize), Is.EqualTo(shown.Reports.Select(JsonLinesReporter.Serialize)), "the history holds exactly what was reported, in order");
            Assert.That(stored.OfType<TaskResultReport>().Count(), Is.EqualTo(40 * 15));
            foreach (var host in TestPlaybook.Numbered(40))
            {
                Assert.That(stored.OfType<TaskResultReport>().Where(r => r.Host == host).Select(r => r.Name), Is.EqualTo(Enumerable.Range(1, 15).Select(i => $"task{i}")), host);
                Assert.That(outcomes.Where(o => o.Host == host).Select(o => o.Name), Is.EqualTo(Enumerable.Range(1, 15).Select(i => $"task{i}")), host);
            }

            Assert.That(store.FindRun("RUN")?.Outcome, Is.EqualTo("ok"));
        });
    }

    [Test]
    public async Task Complete_CancelledRun_EveryReportCommittedUpToRunFinished()
    {
        var agents = new FakeAgents { TaskTime = TimeSpan.FromMilliseconds(200) };
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var (summary, shown) = await RecordAsync(agents, Tasks(3), hosts: 4, cancel.Token);

        var stored = Stored("RUN");
        using var store = HistoryStore.Open(_directory);
        Assert.Multiple(() =>
        {
            Assert.That(summary.Outcome, Is.EqualTo(RunOutcome.Cancelled));
            Assert.That(stored.Select(JsonLinesReporter.Serialize), Is.EqualTo(shown.Reports.Select(JsonLinesReporter.Serialize)));
            Assert.That(stored[^1], Is.TypeOf<RunFinishedReport>());
            Assert.That(store.FindRun("RUN")?.Outcome, Is.EqualTo("cancelled"));
        });
    }

    [Test]
    public async Task Complete_ReportsQueuedFasterThanWritten_AllCommittedBeforeItReturns()
    {
        var reports = SampleRun.Reports();
        using (var store = HistoryStore.Open(_directory))
        {
            var recorder = new HistoryRecorder(store);
            for (var run = 0; run < 50; run++)
            {
                foreach (var report in reports)
                {
                    recorder.Report(report is RunStartedReport s ? s with { RunId = $"R{run:00}" } : report);
                }
            }

            await recorder.CompleteAsync();
            Assert.That(recorder.Error, Is.Null);
        }

        using var reopened = HistoryStore.Open(_directory);
        Assert.Multiple(() =>
        {
            Assert.That(reopened.ListRuns(100), Has.Count.EqualTo(50));
            Assert.That(reopened.Events("R00").Skip(1).Select(JsonLinesReporter.Serialize), Is.EqualTo(reports.Skip(1).Select(JsonLinesReporter.Serialize)));
            Assert.That(reopened.Events("R49"), Has.Count.EqualTo(reports.Count), "the last run, queued last, is complete");
            Assert.That(reopened.FindRun("R49")?.Outcome, Is.EqualTo("failed"));
        });
    }

    [Test]
    public async Task Report_HistoryCannotBeWritten_ErrorKeptAndNothingThrown()
    {
        using var store = HistoryStore.Open(_directory);
        using (var other = new SqliteConnection($"Data Source={Path.Combine(_directory, HistoryStore.FileName)};Pooling=False"))
        {
            other.Open();
            using var drop = other.CreateCommand();
            drop.CommandText = "DROP TABLE task_results";
            drop.ExecuteNonQuery();
        }

        var recorder = new HistoryRecorder(store);
        foreach (var report in SampleRun.Reports())
        {
            recorder.Report(report);
        }

        await recorder.CompleteAsync();

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Error, Does.Contain("the run history could not be written").And.Contain("task_results"));
            Assert.That(() => recorder.Report(SampleRun.Reports()[0]), Throws.Nothing, "a failed history ignores later reports");
        });
    }
}
