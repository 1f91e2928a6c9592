using Provisioner.Core.Plans;

namespace Provisioner.Agent.Tests.Server;

/// <summary>Small plans that leave countable traces in a scratch directory.</summary>
internal static class TestPlans
{
    /// <summary>Appends one unique line to SCRATCH/effects each time it runs: the file's line count is the number of runs.</summary>
    public static HostPlan CountingRun(string host, string scratch) => new()
    {
        Host = host,
        Play = "count",
        GatherFacts = false,
        Tasks =
        [
            new PlanTask
            {
                Id = "count.yml:1:3",
                Name = "record one execution",
                Module = "lineinfile",
                Args = Map(("path", Path.Combine(scratch, "effects")), ("line", "ran at {{ date.now | date.to_string '%F %T.%L' }} #{{ math.random 0 1000000000 }}"), ("create", true)),
            },
        ],
    };

    /// <summary>
    /// <paramref name="tasks"/> tasks of about <paramref name="delay"/> × 2 each: a touch retried until its third attempt,
    /// logging a retry warning on the way (5 events per task).
    /// </summary>
    public static HostPlan Slow(string host, string scratch, int tasks, TimeSpan delay) => new()
    {
        Host = host,
        Play = "slow",
        GatherFacts = false,
        Tasks = Enumerable.Range(1, tasks).Select(i => new PlanTask
        {
            Id = $"slow.yml:{i}:3",
            Name = $"slow step {i}",
            Module = "file",
            Args = Map(("path", Path.Combine(scratch, $"step{i}")), ("state", "touch")),
            Register = "r",
            Until = "r.attempts >= 3",
            Retries = 3,
            Delay = delay,
        }).ToList(),
    };

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
