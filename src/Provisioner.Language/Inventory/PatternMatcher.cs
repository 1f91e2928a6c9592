using System.Globalization;
using System.Text.RegularExpressions;
using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Evaluates split host patterns against one inventory with Ansible's rules (inventory/manager.py):
/// plain terms are unions, then <c>&amp;</c> terms intersect, then <c>!</c> terms exclude, whatever the order
/// written. A term names a group (all its hosts, children included) or hosts; a glob or regex term matches
/// groups and hosts. <c>[i]</c>, <c>[i:j]</c>, <c>[i:]</c> pick from a group's hosts.
/// </summary>
internal sealed partial class PatternMatcher(Core.Inventory.Inventory inventory, SourceLocation? location)
{
    private readonly Dictionary<string, List<InventoryHost>> _cache = new(StringComparer.Ordinal);
    private readonly List<Diagnostic> _warnings = [];

    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    public List<InventoryHost> Evaluate(IReadOnlyList<string> terms)
    {
        var ordered = terms.Where(t => t[0] is not ('&' or '!')).ToList();
        if (ordered.Count == 0)
        {
            ordered.Add(InventoryGroup.All);
        }

        ordered.AddRange(terms.Where(t => t[0] == '&'));
        ordered.AddRange(terms.Where(t => t[0] == '!'));

        var hosts = new List<InventoryHost>();
        foreach (var term in ordered)
        {
            if (inventory.FindHost(term) is { } exact)
            {
                hosts.Add(exact);
                continue;
            }

            var matched = MatchOne(term);
            switch (term[0])
            {
                case '!':
                    var excluded = matched.ToHashSet();
                    hosts = hosts.Where(h => !excluded.Contains(h)).ToList();
                    break;
                case '&':
                    var kept = matched.ToHashSet();
                    hosts = hosts.Where(kept.Contains).ToList();
                    break;
                default:
                    var existing = hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
                    hosts.AddRange(matched.Where(h => !existing.Contains(h.Name)));
                    break;
            }
        }

        return hosts;
    }

    private List<InventoryHost> MatchOne(string term)
    {
        if (term[0] is '&' or '!')
        {
            term = term[1..];
        }

        if (term.Length == 0)
        {
            throw Invalid("a '&' or '!' in a host pattern must be followed by a group or host");
        }

        if (!_cache.TryGetValue(term, out var hosts))
        {
            var (expression, subscript) = SplitSubscript(term);
            hosts = Subscript(Enumerate(expression), subscript, term);
            _cache[term] = hosts;
        }

        return hosts;
    }

    private List<InventoryHost> Enumerate(string expression)
    {
        Regex matcher;
        try
        {
            matcher = GlobPattern.Compile(expression);
        }
        catch (ArgumentException ex)
        {
            throw Invalid($"invalid host pattern '{expression}': {ex.Message}");
        }

        try
        {
            var groups = inventory.Groups.Where(g => matcher.IsMatch(g.Name)).ToList();
            var results = groups.SelectMany(g => inventory.HostsOf(g.Name)).ToList();
            if (groups.Count == 0 || GlobPattern.IsWildcard(expression))
            {
                results.AddRange(inventory.Hosts.Where(h => matcher.IsMatch(h.Name)));
            }

            if (results.Count == 0 && groups.Count == 0 && expression != InventoryGroup.All)
            {
                _warnings.Add(Diagnostic.Warning(location, $"host pattern '{expression}' matches no host or group; ignoring it"));
            }

            return results;
        }
        catch (RegexMatchTimeoutException)
        {
            throw Invalid($"host pattern '{expression}' takes too long to match; simplify the regular expression");
        }
    }

    private (string Expression, (int Start, int? End)? Subscript) SplitSubscript(string term)
    {
        if (term[0] == '~')
        {
            return (term, null);
        }

        var m = WithSubscript().Match(term);
        if (!m.Success)
        {
            return (term, null);
        }

        if (m.Groups["index"].Success)
        {
            return (m.Groups["expr"].Value, (int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture), null));
        }

        if (m.Groups["separator"].Value == "-")
        {
            _warnings.Add(Diagnostic.Warning(location, $"host pattern '{term}': write the range as [x:y]; [x-y] is an old form"));
        }

        var end = m.Groups["end"].Value.Length == 0 ? -1 : int.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture);
        return (m.Groups["expr"].Value, (int.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture), end));
    }

    // Ansible's _apply_subscript, including its quirks: [i:0] acts as [i], [i:] runs to the end, ranges clip.
    private List<InventoryHost> Subscript(List<InventoryHost> hosts, (int Start, int? End)? subscript, string term)
    {
        if (hosts.Count == 0 || subscript is null)
        {
            return hosts;
        }

        var (start, end) = subscript.Value;
        if (end is null or 0)
        {
            var index = start < 0 ? hosts.Count + start : start;
            return index >= 0 && index < hosts.Count
                ? [hosts[index]]
                : throw Invalid($"host pattern '{term}' picks host {start}, but it matches only {hosts.Count} host(s), counted from 0");
        }

        var last = end == -1 ? hosts.Count - 1 : end.Value;
        return hosts.Skip(start).Take(Math.Max(0, last + 1 - start)).ToList();
    }

    private InvalidInputException Invalid(string message) => new([Diagnostic.Error(location, message)]);

    [GeneratedRegex(@"^(?<expr>.+)\[(?:(?<index>-?[0-9]+)|(?<start>[0-9]+)(?<separator>[:-])(?<end>[0-9]*))\]$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex WithSubscript();
}
