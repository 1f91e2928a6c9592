// Numbers, stamps and masks every event of one run, then hands it to the sink.
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Engine;

internal sealed class EventEmitter
{
    private readonly string _runId;
    private readonly IRunEventSink _sink;
    private readonly SecretMasker _masker;
    private readonly TimeProvider _time;
    private readonly List<TaskResult> _taskResults = [];
    private long _seq;

    public EventEmitter(string runId, IRunEventSink sink, SecretMasker masker, TimeProvider time)
    {
        _runId = runId;
        _sink = sink;
        _masker = masker;
        _time = time;
    }

    /// <summary>Tally of the tasks (not loop items) reported so far.</summary>
    public Dictionary<string, int> Counts() => RunCounts.From(_taskResults);

    public bool AnyTask(TaskStatus status) => _taskResults.Exists(r => r.Status == status);

    public async ValueTask<RunEvent> EmitAsync(RunEvent runEvent, CancellationToken ct)
    {
        var stamped = _masker.MaskEvent(runEvent) with { RunId = _runId, Seq = ++_seq, Time = _time.GetUtcNow() };
        if (stamped is TaskResultEvent { Result.Item: null } result)
        {
            _taskResults.Add(result.Result);
        }

        await _sink.WriteAsync(stamped, ct).ConfigureAwait(false);
        return stamped;
    }

    public ValueTask<RunEvent> LogAsync(string taskId, string level, string text, CancellationToken ct) =>
        EmitAsync(new LogEvent(taskId, level, text) { RunId = _runId }, ct);
}
