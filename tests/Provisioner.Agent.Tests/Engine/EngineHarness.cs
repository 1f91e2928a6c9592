using Microsoft.Extensions.Time.Testing;
using Provisioner.Agent.Engine;
using Provisioner.Agent.Facts;
using Provisioner.Core.Data;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Templating;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Tests.Engine;

/// <summary>The engine with fake modules, fixed facts, an in-memory sink and in-memory pending handlers.</summary>
internal sealed class EngineHarness
{
    private readonly Dictionary<string, IModuleRunner> _modules = new(StringComparer.Ordinal);

    public EngineHarness(TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Add(Echo);
    }

    public TimeProvider Time { get; }

    public FakeModule Echo { get; } = FakeModule.Echo();

    public MemoryNotifications Notifications { get; } = new();

    public Dictionary<string, object?> Facts { get; } = new()
    {
        ["hostname"] = "web1",
        ["os"] = new Dictionary<string, object?> { ["family"] = "Debian", ["id"] = "debian", ["version_id"] = "12", ["major_version"] = "12", ["codename"] = "bookworm" },
    };

    public TimeSpan TimeoutGrace { get; init; } = TimeSpan.FromSeconds(10);

    public EngineHarness Add(IModuleRunner module)
    {
        _modules[module.Schema.Name] = module;
        return this;
    }

    public PlayEngine Engine() =>
        new(n => _modules.GetValueOrDefault(n), new FixedFacts(Facts), new TemplateEngine(), Time) { TimeoutGrace = TimeoutGrace };

    public async Task<RunOutput> RunAsync(HostPlan plan, CancellationToken ct = default)
    {
        var sink = new MemorySink();
        var completed = await Engine().RunAsync("run-1", plan, sink, Notifications, ct);
        return new RunOutput(completed, sink.Events);
    }

    public static HostPlan Plan(params PlanTask[] tasks) => new() { Host = "web1", Play = "test", Tasks = tasks };

    public static PlanTask Task(string id, string module = "echo", params (string Key, object? Value)[] args) => new()
    {
        Id = id,
        Name = id,
        Module = module,
        Args = Map(args),
    };

    public static OrderedDictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = PlainData.NewMap();
        foreach (var (key, value) in entries)
        {
            map[key] = value;
        }

        return map;
    }

    private sealed class FixedFacts(IReadOnlyDictionary<string, object?> facts) : IFactGatherer
    {
        public Task<IReadOnlyDictionary<string, object?>> GatherAsync(CancellationToken ct) => System.Threading.Tasks.Task.FromResult(facts);
    }

    internal sealed class MemorySink : IRunEventSink
    {
        public List<RunEvent> Events { get; } = [];

        public ValueTask WriteAsync(RunEvent runEvent, CancellationToken ct)
        {
            lock (Events)
            {
                Events.Add(runEvent);
            }

            return ValueTask.CompletedTask;
        }
    }

    internal sealed class MemoryNotifications : IHandlerNotifications
    {
        public List<string> Pending { get; } = [];

        public IReadOnlyList<string> LoadPending() => Pending.ToList();

        public void Notified(string topic, string runId, string taskId)
        {
            if (!Pending.Contains(topic))
            {
                Pending.Add(topic);
            }
        }

        public void Honoured(IReadOnlyCollection<string> topics) => Pending.RemoveAll(topics.Contains);
    }
}

internal sealed record RunOutput(RunCompletedEvent Completed, IReadOnlyList<RunEvent> Events)
{
    public IEnumerable<TaskResult> Results => Events.OfType<TaskResultEvent>().Select(e => e.Result);

    /// <summary>The task-level result (not a loop item) of the task with this id; the last one when it ran more than once.</summary>
    public TaskResult Result(string id) => Results.Last(r => r.TaskId == id && r.Item is null);

    public IEnumerable<TaskResult> Items(string id) => Results.Where(r => r.TaskId == id && r.Item is not null);

    public TaskStatus Status(string id) => Result(id).Status;

    public bool Ran(string id) => Results.Any(r => r.TaskId == id);

    public object? Registered(string id, params string[] path)
    {
        object? value = Result(id).Result;
        foreach (var key in path)
        {
            value = ((IReadOnlyDictionary<string, object?>)value!)[key];
        }

        return value;
    }

    public string AllText => string.Join("\n", Events.Select(e => Provisioner.Agent.State.RunEventLines.Serialize(e)));
}
