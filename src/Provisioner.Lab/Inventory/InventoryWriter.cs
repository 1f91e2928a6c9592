using System.Text;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Inventory;

/// <summary>
/// Writes the lab's YAML inventory: <c>all.children.GROUP.hosts.NAME: {address, user, port}</c> with Ansible aliases,
/// and <c>all.vars</c> naming the lab key and known_hosts, so both prov and Ansible can use the same file.
/// </summary>
internal static class InventoryWriter
{
    public static string Write(string labId, IReadOnlyList<LabHostRecord> hosts, string privateKeyPath, string knownHostsPath)
    {
        var text = new StringBuilder();
        text.Append("# Lab inventory written by 'prov lab up' (lab ").Append(labId).Append("); rewritten on every up.\n");
        text.Append("all:\n");
        text.Append("  vars:\n");
        text.Append("    ssh_private_key_file: ").Append(Quote(privateKeyPath)).Append('\n');
        text.Append("    ssh_known_hosts_file: ").Append(Quote(knownHostsPath)).Append('\n');
        text.Append("    ansible_ssh_private_key_file: ").Append(Quote(privateKeyPath)).Append('\n');
        text.Append("    ansible_ssh_common_args: ")
            .Append(Quote($"-o UserKnownHostsFile={ShellWord(knownHostsPath)} -o StrictHostKeyChecking=yes"))
            .Append('\n');
        text.Append("  children:\n");
        foreach (var group in hosts.GroupBy(h => h.Group, StringComparer.Ordinal))
        {
            text.Append("    ").Append(group.Key).Append(":\n");
            text.Append("      hosts:\n");
            foreach (var host in group)
            {
                text.Append("        ").Append(host.Name).Append(":\n");
                text.Append("          address: ").Append(host.Address).Append('\n');
                text.Append("          user: root\n");
                text.Append("          port: 22\n");
                text.Append("          ansible_host: ").Append(host.Address).Append('\n');
                text.Append("          ansible_user: root\n");
                text.Append("          ansible_port: 22\n");
            }
        }

        return text.ToString();
    }

    /// <summary>A double-quoted YAML scalar: always a string, whatever characters the path holds.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\t' => text.Append("\\t"),
                _ when char.IsControl(c) => text.Append($"\\u{(int)c:x4}"),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>Ansible splits ssh_common_args like a shell; quote a path only when it needs it.</summary>
    private static string ShellWord(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)) ? value : "'" + value.Replace("'", "'\\''") + "'";
}
