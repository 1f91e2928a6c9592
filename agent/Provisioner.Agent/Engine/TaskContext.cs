using Provisioner.Core.Plans;

namespace Provisioner.Agent.Engine;

/// <summary>A task with what it inherited from its blocks, resolved once per task.</summary>
internal sealed record TaskContext(
    PlanTask Task,
    string Name,
    bool Handler,
    bool NoLog,
    bool IgnoreErrors,
    bool Rescuable,
    IReadOnlyList<string> When);
