using Provisioner.Core.Playbooks;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// <c>serial</c> as Ansible applies it: each size (a count, or a percentage of the play's hosts rounded down, at least
/// one) takes the next hosts in order; the last size repeats until every host has a batch. No serial: one batch.
/// </summary>
public static class Batches
{
    public static IReadOnlyList<IReadOnlyList<string>> Split(IReadOnlyList<string> hosts, IReadOnlyList<BatchSize> serial)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(serial);
        if (hosts.Count == 0)
        {
            return [];
        }

        if (serial.Count == 0)
        {
            return [hosts];
        }

        var batches = new List<IReadOnlyList<string>>();
        var next = 0;
        for (var step = 0; next < hosts.Count; step = Math.Min(step + 1, serial.Count - 1))
        {
            var size = serial[step].Resolve(hosts.Count);
            var batch = hosts.Skip(next).Take(size).ToList();
            batches.Add(batch);
            next += batch.Count;
        }

        return batches;
    }
}
