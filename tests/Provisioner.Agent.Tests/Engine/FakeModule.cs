using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Agent.Tests.Engine;

/// <summary>A module for engine unit tests: does what the test's function says and records every call.</summary>
internal sealed class FakeModule : IModuleRunner
{
    private readonly Func<ModuleArgs, bool, CancellationToken, Task<ModuleOutcome>> _run;

    public FakeModule(string name, Func<ModuleArgs, bool, CancellationToken, Task<ModuleOutcome>> run, params ArgSpec[] args)
    {
        Schema = new ModuleSchema(name, "test module", args) { AcceptsUndeclaredArguments = true };
        _run = run;
    }

    public ModuleSchema Schema { get; }

    public List<IReadOnlyDictionary<string, object?>> Calls { get; } = [];

    public List<bool> CheckFlags { get; } = [];

    public Task<ModuleOutcome> RunAsync(ModuleArgs args, bool check, CancellationToken ct)
    {
        Calls.Add(args.Values);
        CheckFlags.Add(check);
        return _run(args, check, ct);
    }

    /// <summary>
    /// "echo": changed/failed/msg/returns/facts come from its arguments (changed: true, failed: true, msg: "...",
    /// returns: {...}, facts: {...}).
    /// </summary>
    public static FakeModule Echo() => new("echo", (args, _, _) => Task.FromResult(new ModuleOutcome
    {
        Changed = args.Values.TryGetValue("changed", out var c) && c is true,
        Failed = args.Values.TryGetValue("failed", out var f) && f is true,
        Message = args.Values.TryGetValue("msg", out var m) && m is string s ? s : string.Empty,
        Returns = args.Values.TryGetValue("returns", out var r) && r is IReadOnlyDictionary<string, object?> map ? map : new Dictionary<string, object?>(),
        Facts = args.Values.TryGetValue("facts", out var x) && x is IReadOnlyDictionary<string, object?> facts ? facts : new Dictionary<string, object?>(),
        Diff = args.Values.TryGetValue("changed", out var d) && d is true ? [new Core.Runs.DiffEntry("state", "before", "after")] : [],
    }));
}
