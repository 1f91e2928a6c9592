using Provisioner.Agent.State;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.State;

public sealed class RunStoreTests
{
    private string _dir = null!;
    private RunStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = Directory.CreateTempSubdirectory("prov-store-").FullName;
        var layout = new StateLayout(_dir);
        layout.EnsureCreated();
        _store = new RunStore(layout, TimeProvider.System);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void ReadEvents_AfterAppend_RoundTripsAndFiltersBySeq()
    {
        Record("r1", "running");
        using (var log = _store.OpenEventLog("r1"))
        {
            log.Append(new TaskStartedEvent("t1", "install", false) { RunId = "r1", Seq = 1, Time = DateTimeOffset.UnixEpoch });
            log.Append(new TaskResultEvent(new TaskResult { TaskId = "t1", Status = TaskStatus.Changed, Result = new Dictionary<string, object?> { ["big"] = long.MaxValue } })
            {
                RunId = "r1", Seq = 2, Time = DateTimeOffset.UnixEpoch,
            });
        }

        var all = _store.ReadEvents("r1", 0);
        var after1 = _store.ReadEvents("r1", 1);

        Assert.That(all.Select(e => e.Seq), Is.EqualTo(new[] { 1L, 2L }));
        Assert.That(after1.Single(), Is.InstanceOf<TaskResultEvent>());
        Assert.That(((IReadOnlyDictionary<string, object?>)((TaskResultEvent)after1[0]).Result.Result!)["big"], Is.EqualTo(long.MaxValue));
    }

    [Test]
    public void MarkInterrupted_TornLastLine_TruncatesAndAppendsCompletedWithNextSeq()
    {
        Record("r1", "running");
        using (var log = _store.OpenEventLog("r1"))
        {
            log.Append(new TaskStartedEvent("t1", "install", false) { RunId = "r1", Seq = 1 });
            log.Append(new TaskResultEvent(new TaskResult { TaskId = "t1", Status = TaskStatus.Ok }) { RunId = "r1", Seq = 2 });
        }

        File.AppendAllText(_store.Layout.EventsFile("r1"), "{\"seq\":3,\"run_id\":\"r1\",\"kind\":\"task_sta");

        _store.SetCurrent("r1");
        var running = _store.FindUnfinished()!;
        var completed = _store.MarkInterrupted(running);

        Assert.That(completed.Seq, Is.EqualTo(3));
        Assert.That(completed.Status, Is.EqualTo(RunStatus.Interrupted));
        Assert.That(completed.Counts["ok"], Is.EqualTo(1));
        var events = _store.ReadEvents("r1", 0);
        Assert.That(events.Select(e => e.Seq), Is.EqualTo(new[] { 1L, 2L, 3L }));
        Assert.That(events[^1], Is.InstanceOf<RunCompletedEvent>());
        Assert.That(_store.TryRead("r1")!.Status, Is.EqualTo("interrupted"));
        Assert.That(_store.FindUnfinished(), Is.Null);
    }

    [Test]
    public void Prune_MoreRunsThanKept_DeletesOldestButNeverTheCurrent()
    {
        for (var i = 0; i < 5; i++)
        {
            _store.Write(new RunRecord { RunId = $"r{i}", Status = "succeeded", StartedAt = DateTimeOffset.UnixEpoch.AddMinutes(i) });
            File.SetLastWriteTimeUtc(_store.Layout.RunRecordFile($"r{i}"), DateTime.UnixEpoch.AddMinutes(i));
        }

        Record("live", "running");
        File.SetLastWriteTimeUtc(_store.Layout.RunRecordFile("live"), DateTime.UnixEpoch);
        _store.SetCurrent("live");

        _store.Prune(keep: 2);

        Assert.That(Directory.GetDirectories(_store.Layout.RunsDirectory).Select(Path.GetFileName), Is.EquivalentTo(new[] { "r3", "r4", "live" }));
    }

    [Test]
    public void FindUnfinished_CurrentRunFinished_ReturnsNull()
    {
        Record("r1", "succeeded");
        _store.SetCurrent("r1");

        Assert.That(_store.FindUnfinished(), Is.Null);
    }

    [TestCase("")]
    [TestCase("../etc")]
    [TestCase(".hidden")]
    [TestCase("a/b")]
    public void RunDirectory_InvalidRunId_Throws(string runId) =>
        Assert.That(() => _store.Layout.RunDirectory(runId), Throws.TypeOf<InvalidRunIdException>());

    private void Record(string runId, string status) =>
        _store.Write(new RunRecord { RunId = runId, Status = status, Pid = 12345, StartedAt = DateTimeOffset.UtcNow });
}
