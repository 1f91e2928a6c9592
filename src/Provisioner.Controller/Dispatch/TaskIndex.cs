using Provisioner.Core.Plans;

namespace Provisioner.Controller.Dispatch;

/// <summary>A plan's tasks by id (blocks and handlers included), to tell which role an event's task belongs to.</summary>
internal sealed class TaskIndex
{
    private readonly Dictionary<string, PlanTask> _tasks = new(StringComparer.Ordinal);

    public TaskIndex(HostPlan plan)
    {
        Add(plan.Tasks);
        Add(plan.Handlers);
    }

    public PlanTask? Find(string id) => _tasks.GetValueOrDefault(id);

    public IEnumerable<string> Modules => _tasks.Values.Where(t => !t.IsBlock).Select(t => t.Module).Distinct(StringComparer.Ordinal);

    private void Add(IEnumerable<PlanTask> tasks)
    {
        foreach (var task in tasks)
        {
            _tasks.TryAdd(task.Id, task);
            Add(task.Block);
            Add(task.Rescue);
            Add(task.Always);
        }
    }
}
