using Provisioner.Agent.State;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.State;

public sealed class EventLogTests
{
    [Test]
    public async Task Append_TaskResultThenCompleted_FlushesInBackgroundThenSynchronously()
    {
        var dir = Directory.CreateTempSubdirectory("prov-log-").FullName;
        try
        {
            var path = Path.Combine(dir, "events.jsonl");
            using var log = new EventLog(path);

            log.Append(new TaskStartedEvent("t1", "t1", false) { RunId = "r", Seq = 1 });
            Assert.That(File.ReadAllLines(path), Has.Length.EqualTo(1), "written through to the OS at once");
            log.Append(new TaskResultEvent(new TaskResult { TaskId = "t1", Status = TaskStatus.Ok }) { RunId = "r", Seq = 2 });
            for (var i = 0; i < 200 && log.Syncs == 0; i++)
            {
                await Task.Delay(10);
            }

            Assert.That(log.Syncs, Is.GreaterThanOrEqualTo(1), "a task boundary is flushed to disk");
            var before = log.Syncs;
            log.Append(new RunCompletedEvent(RunStatus.Succeeded, new Dictionary<string, int>(), "ok", TimeSpan.Zero) { RunId = "r", Seq = 3 });
            Assert.That(log.Syncs, Is.GreaterThan(before), "the last event is flushed before Append returns");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void Append_ManyTaskResultsWhileTheFlusherSyncs_EveryLineIntactAndInOrder()
    {
        var dir = Directory.CreateTempSubdirectory("prov-log-").FullName;
        try
        {
            var path = Path.Combine(dir, "events.jsonl");
            const int Count = 3000;
            using (var log = new EventLog(path))
            {
                for (var seq = 1; seq <= Count; seq++)
                {
                    log.Append(new TaskResultEvent(new TaskResult { TaskId = "t" + seq, Status = TaskStatus.Ok }) { RunId = "r", Seq = seq });
                }
            }

            var lines = File.ReadAllLines(path);
            Assert.That(lines, Has.Length.EqualTo(Count));
            Assert.That(lines.Select(l => RunEventLines.Deserialize(l).Seq), Is.EqualTo(Enumerable.Range(1, Count).Select(i => (long)i)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
