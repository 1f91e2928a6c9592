using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Protocol.Mapping;
using Proto = Provisioner.Protocol.V1;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Mapping;

public sealed class RunEventMapperTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    [Test]
    public void FromProto_TaskResultEvent_RoundTripsEveryField()
    {
        var returns = PlainData.NewMap();
        returns["rc"] = 0L;
        returns["stdout"] = "hello";
        returns["big"] = long.MaxValue;
        var result = new TaskResult
        {
            TaskId = "site.yml:4:3",
            Name = "copy config",
            Module = "copy",
            Status = TaskStatus.Changed,
            Message = "changed",
            Diff = [new DiffEntry("content", "a", "b") { Path = "/etc/x" }, new DiffEntry("mode", "0600", "0644")],
            Result = returns,
            Duration = TimeSpan.FromMilliseconds(12.5),
            Item = "nginx",
            Handler = true,
            TimedOut = true,
        };
        var ev = new TaskResultEvent(result) { RunId = "r1", Seq = 7, Time = At };

        var back = (TaskResultEvent)RoundTrip(ev);

        Assert.That(back.Seq, Is.EqualTo(7));
        Assert.That(back.RunId, Is.EqualTo("r1"));
        Assert.That(back.Time, Is.EqualTo(At));
        var r = back.Result;
        Assert.That(r with { Diff = result.Diff, Result = result.Result }, Is.EqualTo(result));
        Assert.That(r.Diff, Is.EqualTo(result.Diff));
        Assert.That(PlainData.DeepEquals(r.Result, returns), Is.True);
    }

    [Test]
    public void FromProto_ResultWithoutItemOrPath_GivesNulls()
    {
        var ev = new TaskResultEvent(new TaskResult { TaskId = "t", Status = TaskStatus.Ok, Diff = [new DiffEntry("state", "absent", "present")] }) { RunId = "r" };

        var back = (TaskResultEvent)RoundTrip(ev);

        Assert.That(back.Result.Item, Is.Null);
        Assert.That(back.Result.Result, Is.Null);
        Assert.That(back.Result.Diff[0].Path, Is.Null);
    }

    [Test]
    public void FromProto_StartedLogAndCompleted_RoundTrip()
    {
        var started = new TaskStartedEvent("t1", "install", Handler: false) { RunId = "r", Seq = 1, Time = At };
        var log = new LogEvent("t1", "warning", "careful") { RunId = "r", Seq = 2, Time = At };
        var counts = new Dictionary<string, int> { ["ok"] = 3, ["changed"] = 1, ["failed"] = 0 };
        var completed = new RunCompletedEvent(RunStatus.Interrupted, counts, "agent restarted", TimeSpan.FromSeconds(2)) { RunId = "r", Seq = 3, Time = At };

        Assert.That(RoundTrip(started), Is.EqualTo(started));
        Assert.That(RoundTrip(log), Is.EqualTo(log));
        var back = (RunCompletedEvent)RoundTrip(completed);
        Assert.That(back.Counts, Is.EquivalentTo(counts));
        Assert.That(back with { Counts = counts }, Is.EqualTo(completed));
    }

    [TestCase(TaskStatus.Ok)]
    [TestCase(TaskStatus.Changed)]
    [TestCase(TaskStatus.Failed)]
    [TestCase(TaskStatus.Skipped)]
    [TestCase(TaskStatus.Rescued)]
    [TestCase(TaskStatus.Ignored)]
    public void FromProto_TaskStatus_RoundTrips(TaskStatus status)
    {
        Assert.That(RunEventMapper.FromProto(RunEventMapper.ToProto(status)), Is.EqualTo(status));
    }

    [TestCase(RunStatus.Running)]
    [TestCase(RunStatus.Succeeded)]
    [TestCase(RunStatus.Failed)]
    [TestCase(RunStatus.Interrupted)]
    [TestCase(RunStatus.Cancelled)]
    public void FromProto_RunStatus_RoundTrips(RunStatus status)
    {
        Assert.That(RunEventMapper.FromProto(RunEventMapper.ToProto(status)), Is.EqualTo(status));
    }

    [Test]
    public void FromProto_EventWithoutKind_Throws()
    {
        Assert.That(() => RunEventMapper.FromProto(new Proto.RunEvent { Seq = 4, RunId = "r" }), Throws.ArgumentException.With.Message.Contains("no kind"));
    }

    private static RunEvent RoundTrip(RunEvent ev) =>
        RunEventMapper.FromProto(Proto.RunEvent.Parser.ParseFrom(Google.Protobuf.MessageExtensions.ToByteArray(RunEventMapper.ToProto(ev))));
}
