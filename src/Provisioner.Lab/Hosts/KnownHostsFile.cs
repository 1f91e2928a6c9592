namespace Provisioner.Lab.Hosts;

/// <summary>Builds the lab's own known_hosts from <c>ssh-keyscan</c> output (host keys are new for every container).</summary>
internal static class KnownHostsFile
{
    /// <summary>The key lines of <c>ssh-keyscan</c> output for <paramref name="address"/> (comments and other hosts dropped).</summary>
    public static IReadOnlyList<string> ParseKeyscan(string output, string address) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Where(line =>
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return fields.Length >= 3
                    && fields[0].Split(',').Contains(address)
                    && (fields[1].StartsWith("ssh-", StringComparison.Ordinal) || fields[1].StartsWith("ecdsa-", StringComparison.Ordinal));
            })
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The file with every line for <paramref name="address"/> replaced by <paramref name="keys"/>.</summary>
    public static string Replace(string existing, string address, IReadOnlyList<string> keys)
    {
        var kept = existing.Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0)
            .Where(line => line.StartsWith('#') || !line.Split(' ', 2)[0].Split(',').Contains(address));
        return string.Join('\n', kept.Concat(keys)) + "\n";
    }
}
