using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Provisioner.Controller.Dispatch;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Controller.Tests.Dispatch;

/// <summary>
/// Agents simulated in memory: a run reports each task of its plan (ok, or failed on a failing host, which ends the
/// run), then its completion. Hosts can be unreachable, refuse runs, or break the event stream.
/// </summary>
internal sealed class FakeAgents : IAgentConnector
{
    private int _running;

    public HashSet<string> Unreachable { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Busy { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosts whose event stream breaks after two events, this many times per run.</summary>
    public ConcurrentDictionary<string, int> BreakStream { get; } = new(StringComparer.Ordinal);

    /// <summary>Hosts that become unreachable after their run started (every watch fails).</summary>
    public HashSet<string> LostDuringRun { get; } = new(StringComparer.Ordinal);

    public TimeSpan TaskTime { get; init; } = TimeSpan.FromMilliseconds(5);

    public ConcurrentQueue<(string Host, string RunId, HostPlan Plan)> Started { get; } = new();

    public ConcurrentDictionary<string, int> FactsCalls { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> WatchCalls { get; } = new(StringComparer.Ordinal);

    public int MaxConcurrentRuns { get; private set; }

    public ConcurrentDictionary<string, IReadOnlyList<RunEvent>> Runs { get; } = new(StringComparer.Ordinal);

    public Task<IHostConnection> ConnectAsync(HostAddress host, CancellationToken ct)
    {
        if (Unreachable.Contains(host.Name))
        {
            throw new HostUnreachableException(host.Name, $"connection to {host.Address}:7443 refused");
        }

        return Task.FromResult<IHostConnection>(new Connection(this, host.Name));
    }

    private static List<PlanTask> Leaves(IEnumerable<PlanTask> tasks) =>
        tasks.SelectMany(t => t.IsBlock ? Leaves(t.Block) : [t]).ToList();

    private List<RunEvent> Simulate(string host, string runId, HostPlan plan)
    {
        var events = new List<RunEvent>();
        var failed = false;
        foreach (var task in Leaves(plan.Tasks))
        {
            events.Add(new TaskStartedEvent(task.Id, task.Name, false) { RunId = runId });
            failed = Failing.Contains(host);
            events.Add(new TaskResultEvent(new TaskResult
            {
                TaskId = task.Id,
                Name = task.Name,
                Module = task.Module,
                Status = failed ? TaskStatus.Failed : TaskStatus.Changed,
                Message = failed ? "boom" : string.Empty,
            }) { RunId = runId });
            if (failed)
            {
                break;
            }
        }

        events.Add(new RunCompletedEvent(failed ? RunStatus.Failed : RunStatus.Succeeded, new Dictionary<string, int>(), failed ? "failed" : "ok", TimeSpan.FromSeconds(1))
        {
            RunId = runId,
        });
        return events.Select((e, i) => e with { Seq = i + 1, Time = DateTimeOffset.UnixEpoch.AddSeconds(i) }).ToList();
    }

    private sealed class Connection(FakeAgents agents, string host) : IHostConnection
    {
        public string Host => host;

        public Task<AgentCapabilities> GetCapabilitiesAsync(CancellationToken ct) =>
            Task.FromResult(new AgentCapabilities("test", 1, [], host));

        public Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct)
        {
            agents.FactsCalls.AddOrUpdate(host, 1, (_, n) => n + 1);
            IReadOnlyDictionary<string, object?> facts = new Dictionary<string, object?> { ["hostname"] = host };
            return Task.FromResult(facts);
        }

        public Task<StartRunReply> StartRunAsync(string runId, HostPlan plan, CancellationToken ct)
        {
            if (agents.Busy.Contains(host))
            {
                throw new AgentRunException("another run holds the lock");
            }

            var already = !agents.Runs.TryAdd(runId, agents.Simulate(host, runId, plan));
            if (!already)
            {
                agents.Started.Enqueue((host, runId, plan));
            }

            return Task.FromResult(new StartRunReply(runId, already, RunStatus.Running));
        }

        public async IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken ct)
        {
            agents.WatchCalls.AddOrUpdate(host, 1, (_, n) => n + 1);
            if (agents.LostDuringRun.Contains(host))
            {
                throw new HostUnreachableException(host, "connection reset");
            }

            var running = Interlocked.Increment(ref agents._running);
            lock (agents)
            {
                agents.MaxConcurrentRuns = Math.Max(agents.MaxConcurrentRuns, running);
            }

            try
            {
                var sent = 0;
                foreach (var e in agents.Runs[runId].Where(e => e.Seq > afterSeq))
                {
                    await Task.Delay(agents.TaskTime, ct);
                    if (sent++ == 2 && agents.BreakStream.TryGetValue(host, out var breaks) && breaks > 0)
                    {
                        agents.BreakStream[host] = breaks - 1;
                        throw new HostUnreachableException(host, "stream reset");
                    }

                    yield return e;
                }
            }
            finally
            {
                Interlocked.Decrement(ref agents._running);
            }
        }

        public Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct) => Task.FromResult(RunStatus.Cancelled);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
