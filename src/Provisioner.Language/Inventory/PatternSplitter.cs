using System.Text.RegularExpressions;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Splits a host pattern into its terms as Ansible does: on commas if there are any, else on colons that are
/// not inside <c>[...]</c>; a lone <c>host:port</c> or IPv6 address stays whole. Whitespace around terms is dropped.
/// </summary>
internal static partial class PatternSplitter
{
    public static IReadOnlyList<string> Split(string pattern)
    {
        IEnumerable<string> terms = pattern.Contains(',', StringComparison.Ordinal)
            ? pattern.Split(',')
            : IsSingleAddress(pattern.Trim())
                ? [pattern]
                : ColonTerm().Matches(pattern).Select(m => m.Value);
        return terms.Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
    }

    private static bool IsSingleAddress(string text) => HostWithPort().IsMatch(text) || Ipv6().IsMatch(text);

    // A run of characters other than whitespace, ':', '[' and ']', or a complete bracketed expression.
    [GeneratedRegex(@"(?:[^\s:\[\]]|\[[^\]]*\])+", RegexOptions.CultureInvariant)]
    private static partial Regex ColonTerm();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+(?:\[[^\]]*\][A-Za-z0-9_.-]*)*:[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex HostWithPort();

    [GeneratedRegex(@"^(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv6();
}
