using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>Enumerates the module calls of task lists, looking inside blocks and resolved imports.</summary>
internal static class TaskWalker
{
    public static IEnumerable<TaskSpec> Specs(IEnumerable<TaskNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TaskSpec spec:
                    yield return spec;
                    break;
                case BlockSpec block:
                    foreach (var inner in Specs([.. block.Block, .. block.Rescue, .. block.Always]))
                    {
                        yield return inner;
                    }

                    break;
            }
        }
    }

    /// <summary>Every task of the playbook once: plays' own lists and every role's tasks and handlers.</summary>
    public static IEnumerable<TaskSpec> All(Playbook playbook) =>
        Specs(playbook.Plays.SelectMany(p => p.PreTasks.Concat(p.Tasks).Concat(p.PostTasks).Concat(p.Handlers))
            .Concat(playbook.Roles.Values.SelectMany(r => r.Tasks.Concat(r.Handlers))));
}
