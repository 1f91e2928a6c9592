// Core HostPlan/PlanTask to and from the wire HostPlan/Task.
using Google.Protobuf;
using Provisioner.Core.Plans;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Protocol.Mapping;

/// <summary>
/// Maps a compiled plan between Core and the wire. Empty proto strings mean "not set" (null in Core), except
/// <c>loop_var</c>, whose empty value means the default "item". <c>timeout_seconds</c> 0 means no timeout;
/// <c>delay_seconds</c> travels as given (the controller always sends it; a hand-written plan that omits it gets 0).
/// </summary>
public static class PlanMapper
{
    public static Proto.HostPlan ToProto(HostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var result = new Proto.HostPlan
        {
            Host = plan.Host,
            Play = plan.Play,
            Vars = StructOrNull(plan.Vars),
            ExtraVars = StructOrNull(plan.ExtraVars),
            GatherFacts = plan.GatherFacts,
            Check = plan.Check,
            Diff = plan.Diff,
        };
        result.Tasks.AddRange(plan.Tasks.Select(ToProto));
        result.Handlers.AddRange(plan.Handlers.Select(ToProto));
        result.SecretVars.AddRange(plan.SecretVars);
        foreach (var (path, bytes) in plan.Files)
        {
            result.Files[path] = ByteString.CopyFrom(bytes.Span);
        }

        return result;
    }

    public static HostPlan FromProto(Proto.HostPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new HostPlan
        {
            Host = plan.Host,
            Play = plan.Play,
            Vars = PlainValueMapper.FromStruct(plan.Vars),
            ExtraVars = PlainValueMapper.FromStruct(plan.ExtraVars),
            Tasks = plan.Tasks.Select(FromProto).ToList(),
            Handlers = plan.Handlers.Select(FromProto).ToList(),
            Files = plan.Files.ToDictionary(kv => kv.Key, kv => new ReadOnlyMemory<byte>(kv.Value.ToByteArray()), StringComparer.Ordinal),
            GatherFacts = plan.GatherFacts,
            SecretVars = plan.SecretVars.ToList(),
            Check = plan.Check,
            Diff = plan.Diff,
        };
    }

    public static Proto.Task ToProto(PlanTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var result = new Proto.Task
        {
            Id = task.Id,
            Name = task.Name,
            Module = task.Module,
            Args = StructOrNull(task.Args),
            Loop = task.Loop is null ? null : PlainValueMapper.ToValue(task.Loop),
            LoopVar = task.LoopVar == "item" ? string.Empty : task.LoopVar,
            Register = task.Register ?? string.Empty,
            IgnoreErrors = task.IgnoreErrors,
            NoLog = task.NoLog,
            TimeoutSeconds = task.Timeout is { } timeout ? (uint)Math.Ceiling(timeout.TotalSeconds) : 0,
            Retries = (uint)Math.Max(0, task.Retries),
            Until = task.Until ?? string.Empty,
            DelaySeconds = task.Delay.TotalSeconds,
            Vars = StructOrNull(task.Vars),
            Become = task.Become,
            BecomeUser = task.BecomeUser ?? string.Empty,
            Role = task.Role ?? string.Empty,
            IndexVar = task.IndexVar ?? string.Empty,
            LoopLabel = task.LoopLabel ?? string.Empty,
            RunOnce = task.RunOnce,
        };
        result.When.AddRange(task.When);
        result.Notify.AddRange(task.Notify);
        result.ChangedWhen.AddRange(task.ChangedWhen);
        result.FailedWhen.AddRange(task.FailedWhen);
        result.Block.AddRange(task.Block.Select(ToProto));
        result.Rescue.AddRange(task.Rescue.Select(ToProto));
        result.Always.AddRange(task.Always.Select(ToProto));
        result.Listen.AddRange(task.Listen);
        return result;
    }

    public static PlanTask FromProto(Proto.Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new PlanTask
        {
            Id = task.Id,
            Name = task.Name,
            Module = task.Module,
            Args = PlainValueMapper.FromStruct(task.Args),
            When = task.When.ToList(),
            Loop = task.Loop is null ? null : PlainValueMapper.FromValue(task.Loop),
            LoopVar = task.LoopVar.Length == 0 ? "item" : task.LoopVar,
            IndexVar = NullIfEmpty(task.IndexVar),
            LoopLabel = NullIfEmpty(task.LoopLabel),
            Register = NullIfEmpty(task.Register),
            Notify = task.Notify.ToList(),
            ChangedWhen = task.ChangedWhen.ToList(),
            FailedWhen = task.FailedWhen.ToList(),
            IgnoreErrors = task.IgnoreErrors,
            NoLog = task.NoLog,
            Timeout = task.TimeoutSeconds == 0 ? null : TimeSpan.FromSeconds(task.TimeoutSeconds),
            Retries = (int)Math.Min(task.Retries, int.MaxValue),
            Until = NullIfEmpty(task.Until),
            Delay = TimeSpan.FromSeconds(task.DelaySeconds),
            Vars = PlainValueMapper.FromStruct(task.Vars),
            Block = task.Block.Select(FromProto).ToList(),
            Rescue = task.Rescue.Select(FromProto).ToList(),
            Always = task.Always.Select(FromProto).ToList(),
            Listen = task.Listen.ToList(),
            Become = task.Become,
            BecomeUser = NullIfEmpty(task.BecomeUser),
            Role = NullIfEmpty(task.Role),
            RunOnce = task.RunOnce,
        };
    }

    // An empty map is sent as an absent field: smaller, and it reads back as the same empty map.
    private static Google.Protobuf.WellKnownTypes.Struct? StructOrNull(IReadOnlyDictionary<string, object?> map) =>
        map.Count == 0 ? null : PlainValueMapper.ToStruct(map);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
