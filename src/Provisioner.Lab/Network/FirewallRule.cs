namespace Provisioner.Lab.Network;

/// <summary>One iptables rule the lab adds; <see cref="Match"/> includes the lab's comment tag and the target.</summary>
public sealed record FirewallRule(string Table, string Chain, IReadOnlyList<string> Match)
{
    public IReadOnlyList<string> Arguments(string operation) =>
        operation == "-I"
            ? ["-w", "10", "-t", Table, "-I", Chain, "1", .. Match]
            : ["-w", "10", "-t", Table, operation, Chain, .. Match];

    public override string ToString() => $"-t {Table} {Chain} {string.Join(' ', Match)}";
}
