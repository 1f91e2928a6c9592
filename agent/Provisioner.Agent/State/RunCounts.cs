using Provisioner.Core.Runs;
using TaskStatus = Provisioner.Core.Runs.TaskStatus;

namespace Provisioner.Agent.State;

/// <summary>The ok/changed/failed/skipped/rescued/ignored tally of a run, as RunCompleted reports it.</summary>
internal static class RunCounts
{
    public static Dictionary<string, int> From(IEnumerable<TaskResult> results)
    {
        var counts = Enum.GetValues<TaskStatus>().ToDictionary(RunEventLines.Name, _ => 0, StringComparer.Ordinal);
        foreach (var result in results)
        {
            counts[RunEventLines.Name(result.Status)]++;
        }

        return counts;
    }
}
