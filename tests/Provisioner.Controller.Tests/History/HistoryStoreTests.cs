using Provisioner.Controller.History;
using Provisioner.Controller.Reporting;
using Provisioner.Controller.Tests.Reporting;

namespace Provisioner.Controller.Tests.History;

public sealed class HistoryStoreTests
{
    private string _directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("prov-history-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private void Record(IEnumerable<ReportEvent> reports)
    {
        using var store = HistoryStore.Open(_directory);
        var recorder = new HistoryRecorder(store);
        foreach (var report in reports)
        {
            recorder.Report(report);
        }

        recorder.Dispose();
        Assert.That(recorder.Error, Is.Null);
    }

    private static string Text(IEnumerable<ReportEvent> reports)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var reporter = new TextReporter(new PlainTextSink(writer), new TextReporterOptions { ShowDiff = true });
        foreach (var report in reports)
        {
            reporter.Report(report);
        }

        return writer.ToString();
    }

    [Test]
    public void Append_WholeRun_ReplaysToTheSameTextAndJson()
    {
        var reports = SampleRun.Reports();
        Record(reports);

        using var store = HistoryStore.Open(_directory);
        var replayed = store.Events("01JRUN");
        Assert.Multiple(() =>
        {
            Assert.That(Text(replayed), Is.EqualTo(Text(reports)));
            Assert.That(replayed.Select(JsonLinesReporter.Serialize), Is.EqualTo(reports.Select(JsonLinesReporter.Serialize)));
        });
    }

    [Test]
    public void ListRuns_AfterRun_DescribesIt()
    {
        Record(SampleRun.Reports());

        using var store = HistoryStore.Open(_directory);
        var run = store.ListRuns(10).Single();
        Assert.Multiple(() =>
        {
            Assert.That((run.Id, run.User, run.Playbook, run.Outcome, run.Check, run.Diff), Is.EqualTo(("01JRUN", "ops", "site.yml", "failed", false, true)));
            Assert.That(run.Hosts, Is.EqualTo(new[] { "web1", "web2", "web3" }));
            Assert.That(run.StartedAt, Is.EqualTo(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(run.FinishedAt, Is.Not.Null);
            Assert.That(run.Recap.Single(r => r.Host == "web3").Unreachable, Is.EqualTo(1));
        });
    }

    [Test]
    public void TaskOutcomes_AfterRun_OnePerResultWithDiffs()
    {
        Record(SampleRun.Reports());

        using var store = HistoryStore.Open(_directory);
        var outcomes = store.TaskOutcomes("01JRUN");
        var configure = outcomes.Single(o => o.Name == "configure");
        Assert.Multiple(() =>
        {
            Assert.That(outcomes, Has.Count.EqualTo(SampleRun.Reports().OfType<TaskResultReport>().Count()));
            Assert.That((configure.Host, configure.Status, configure.Role, configure.Module), Is.EqualTo(("web1", "changed", "nginx", "template")));
            Assert.That(configure.Diff.Select(d => d.Property), Is.EqualTo(new[] { "content", "mode" }));
            Assert.That(outcomes.Count(o => o.Item is not null), Is.EqualTo(3));
        });
    }

    [Test]
    public void FindRun_UniquePrefix_FindsIt_AmbiguousPrefix_Throws()
    {
        Record(SampleRun.Reports());
        Record(SampleRun.Reports().Select(r => r switch
        {
            RunStartedReport s => s with { RunId = "01JRUX" },
            _ => r,
        }));

        using var store = HistoryStore.Open(_directory);
        Assert.Multiple(() =>
        {
            Assert.That(store.FindRun("01JRUX")?.Id, Is.EqualTo("01JRUX"));
            Assert.That(store.FindRun("01JRUN")?.Id, Is.EqualTo("01JRUN"));
            Assert.That(store.FindRun("nope"), Is.Null);
            Assert.That(() => store.FindRun("01JRU"), Throws.InvalidOperationException.With.Message.Contains("01JRUN"));
            Assert.That(store.ListRuns(10), Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void Open_NewStore_FileReadableByOwnerOnly()
    {
        using (HistoryStore.Open(_directory))
        {
        }

        Assert.That(File.GetUnixFileMode(Path.Combine(_directory, HistoryStore.FileName)), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }
}
