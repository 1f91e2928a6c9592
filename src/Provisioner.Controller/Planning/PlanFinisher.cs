using Provisioner.Core.Data;
using Provisioner.Core.Plans;

namespace Provisioner.Controller.Planning;

/// <summary>
/// The last step before a plan is sent, once the batch is known: <c>ansible_play_batch</c> / <c>play_hosts</c> (the
/// batch), <c>ansible_play_hosts</c> (the play's hosts that have not failed), <c>hostvars</c> when the play uses it, and
/// <c>run_once</c>: such tasks stay only in the plan of the batch's first host.
/// </summary>
public static class PlanFinisher
{
    public static HostPlan Finish(
        HostPlan plan,
        CompiledPlay play,
        IReadOnlyList<string> batch,
        IReadOnlyList<string> activeHosts,
        IReadOnlyDictionary<string, object?>? hostVars)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(play);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(activeHosts);
        var vars = PlainData.NewMap();
        foreach (var (name, value) in plan.Vars)
        {
            vars[name] = value;
        }

        var batchList = batch.Select(h => (object?)h).ToList();
        vars["ansible_play_batch"] = batchList;
        vars["play_hosts"] = batchList;
        vars["ansible_play_hosts"] = activeHosts.Select(h => (object?)h).ToList();
        if (play.UsesHostVars && hostVars is not null)
        {
            vars["hostvars"] = hostVars;
        }

        var first = batch.Count > 0 && batch[0] == plan.Host;
        return plan with
        {
            Vars = vars,
            Tasks = first || !play.HasRunOnce ? plan.Tasks : WithoutRunOnce(plan.Tasks),
            Handlers = first || !play.HasRunOnce ? plan.Handlers : WithoutRunOnce(plan.Handlers),
        };
    }

    private static List<PlanTask> WithoutRunOnce(IReadOnlyList<PlanTask> tasks)
    {
        var result = new List<PlanTask>();
        foreach (var task in tasks)
        {
            if (!task.IsBlock)
            {
                if (!task.RunOnce)
                {
                    result.Add(task);
                }

                continue;
            }

            var pruned = task with { Block = WithoutRunOnce(task.Block), Rescue = WithoutRunOnce(task.Rescue), Always = WithoutRunOnce(task.Always) };
            if (pruned.Block.Count + pruned.Rescue.Count + pruned.Always.Count > 0)
            {
                result.Add(pruned);
            }
        }

        return result;
    }
}
