using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Inventory;

/// <summary>
/// Host patterns as Ansible understands them: <c>all</c> or <c>*</c>; host and group names; unions
/// <c>a:b</c> / <c>a,b</c>; intersections <c>a:&amp;b</c>; exclusions <c>a:!b</c> (unions first, then
/// intersections, then exclusions); globs <c>web*</c>, <c>db-?</c>; regexes <c>~web\d+</c>; subscripts
/// <c>web[0]</c>, <c>web[0:1]</c>, <c>web[1:]</c>. The result is always in inventory order.
/// </summary>
public static class HostPatterns
{
    /// <summary>
    /// The hosts matching <paramref name="pattern"/> and, if given, <paramref name="limit"/> (the same syntax, as
    /// <c>--limit</c>). A part matching nothing gives a warning, not an error. Invalid patterns (bad regex,
    /// subscript past the end, empty) throw <see cref="InvalidInputException"/>, located at <paramref name="location"/>.
    /// </summary>
    public static HostSelection Select(Core.Inventory.Inventory inventory, string pattern, string? limit = null, SourceLocation? location = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(pattern);
        var matcher = new PatternMatcher(inventory, location);
        var terms = PatternSplitter.Split(pattern);
        if (terms.Count == 0)
        {
            throw Invalid(location, "empty host pattern; use 'all' for every host");
        }

        var hosts = matcher.Evaluate(terms);
        if (limit is not null)
        {
            var limitTerms = PatternSplitter.Split(limit);
            if (limitTerms.Count == 0)
            {
                throw Invalid(location, "empty --limit; leave it out to run on every host the play names");
            }

            if (limitTerms.FirstOrDefault(t => t.StartsWith('@')) is { } file)
            {
                throw Invalid(location, $"--limit '{file}': reading the limit from a file is not supported; list the hosts or groups separated by commas");
            }

            var allowed = matcher.Evaluate(limitTerms).ToHashSet();
            hosts = hosts.Where(allowed.Contains).ToList();
        }

        var ordered = hosts.Distinct().OrderBy(h => inventory.IndexOf(h.Name)).ToList();
        return new HostSelection(ordered, matcher.Warnings.Distinct().ToList());
    }

    private static InvalidInputException Invalid(SourceLocation? location, string message) => new([Diagnostic.Error(location, message)]);
}
