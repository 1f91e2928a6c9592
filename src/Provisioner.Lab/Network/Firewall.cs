using Provisioner.Lab.Processes;

namespace Provisioner.Lab.Network;

/// <summary>Adds and removes the lab's iptables rules; every rule carries the lab's comment tag so none is ever lost.</summary>
internal sealed class Firewall(IProcessRunner runner)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string Hint = "check that iptables works here (apt-get install iptables) and that you are root";

    public async Task<bool> ExistsAsync(FirewallRule rule, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Spec(rule, "-C", "checking iptables rule"), cancellationToken).ConfigureAwait(false);
        return result.ExitCode switch
        {
            0 => true,
            1 => false,
            _ => throw ProcessRunnerExtensions.Failure(Spec(rule, "-C", "checking iptables rule"), result),
        };
    }

    /// <summary>Inserts the rule at the top of its chain unless it is already there.</summary>
    public async Task AddAsync(FirewallRule rule, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(rule, cancellationToken).ConfigureAwait(false))
        {
            await runner.RunCheckedAsync(Spec(rule, "-I", "adding iptables rule"), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every copy of the rule; returns how many were deleted.</summary>
    public async Task<int> RemoveAsync(FirewallRule rule, CancellationToken cancellationToken)
    {
        var removed = 0;
        while (removed < 20 && await ExistsAsync(rule, cancellationToken).ConfigureAwait(false))
        {
            await runner.RunCheckedAsync(Spec(rule, "-D", "deleting iptables rule"), cancellationToken).ConfigureAwait(false);
            removed++;
        }

        return removed;
    }

    /// <summary>Every rule in the filter table that carries the lab's tag (whatever the state file says).</summary>
    public async Task<IReadOnlyList<FirewallRule>> ListTaggedAsync(string labId, CancellationToken cancellationToken)
    {
        var spec = new ProcessSpec("iptables", ["-w", "10", "-t", "filter", "-S"], Timeout, "listing iptables rules") { Hint = Hint };
        var result = await runner.RunCheckedAsync(spec, cancellationToken).ConfigureAwait(false);
        var tag = FirewallPlan.Tag(labId);
        return result.StandardOutput.Split('\n')
            .Where(line => FirewallPlan.SplitWords(line).Contains(tag))
            .Select(line => FirewallPlan.FromListing("filter", line))
            .OfType<FirewallRule>()
            .ToList();
    }

    private static ProcessSpec Spec(FirewallRule rule, string operation, string step) =>
        new("iptables", rule.Arguments(operation), Timeout, $"{step} '{rule}'") { Hint = Hint };
}
