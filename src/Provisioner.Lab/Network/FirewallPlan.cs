namespace Provisioner.Lab.Network;

/// <summary>
/// The iptables rules a lab needs on its bridge. Bridged traffic passes iptables here (br_netfilter) and an earlier
/// dockerd may have left FORWARD at DROP, so traffic between hosts is accepted explicitly; anything leaving or entering
/// the bridge from elsewhere is dropped so the lab stays hermetic even with IP forwarding on.
/// </summary>
internal static class FirewallPlan
{
    public const int AptProxyPort = 3142;

    public static string Tag(string labId) => "prov.lab=" + labId;

    public static IReadOnlyList<FirewallRule> For(string labId, string bridge)
    {
        string[] comment = ["-m", "comment", "--comment", Tag(labId)];
        return
        [
            new("filter", "FORWARD", ["-i", bridge, "-o", bridge, .. comment, "-j", "ACCEPT"]),
            new("filter", "FORWARD", ["-i", bridge, "!", "-o", bridge, .. comment, "-j", "DROP"]),
            new("filter", "FORWARD", ["!", "-i", bridge, "-o", bridge, .. comment, "-j", "DROP"]),
            new("filter", "INPUT", ["-i", bridge, "-p", "tcp", "--dport", AptProxyPort.ToString(), .. comment, "-j", "ACCEPT"]),
            new("filter", "INPUT", ["-i", bridge, "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", .. comment, "-j", "ACCEPT"]),
        ];
    }

    /// <summary>Turns an <c>iptables -S</c> line ("-A CHAIN ... --comment \"x\" ...") into the rule it describes.</summary>
    public static FirewallRule? FromListing(string table, string line)
    {
        var words = SplitWords(line);
        if (words.Count < 3 || words[0] != "-A")
        {
            return null;
        }

        return new FirewallRule(table, words[1], words.Skip(2).ToList());
    }

    internal static List<string> SplitWords(string line)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
