// /etc/hosts → the host's fully qualified name, without asking DNS (facts must not wait on the network).
namespace Provisioner.Agent.Facts;

internal static class HostsFileParser
{
    /// <summary>
    /// The first dotted name on a line that names <paramref name="hostname"/> (the canonical name comes first on a
    /// hosts line: "127.0.1.1 web1.example.org web1"); the hostname itself when no such line exists.
    /// </summary>
    public static string FindFqdn(string hostsText, string hostname)
    {
        var shortName = hostname.Split('.')[0];
        foreach (var raw in hostsText.Split('\n'))
        {
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = hash >= 0 ? raw[..hash] : raw;
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2)
            {
                continue;
            }

            var names = fields.Skip(1).ToList();
            if (!names.Any(n => n.Equals(hostname, StringComparison.OrdinalIgnoreCase) || n.Equals(shortName, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var dotted = names.FirstOrDefault(n => n.Contains('.', StringComparison.Ordinal)
                && n.Split('.')[0].Equals(shortName, StringComparison.OrdinalIgnoreCase));
            if (dotted is not null)
            {
                return dotted;
            }
        }

        return hostname;
    }
}
