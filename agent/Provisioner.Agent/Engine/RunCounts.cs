using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.Engine;

/// <summary>The ok/changed/failed/skipped/rescued/ignored tally of a run, as RunCompleted reports it.</summary>
internal static class RunCounts
{
    public static Dictionary<string, int> From(IEnumerable<TaskResult> results)
    {
        var counts = Enum.GetValues<TaskStatus>().ToDictionary(StatusNames.Of, _ => 0, StringComparer.Ordinal);
        foreach (var result in results)
        {
            counts[StatusNames.Of(result.Status)]++;
        }

        return counts;
    }
}
