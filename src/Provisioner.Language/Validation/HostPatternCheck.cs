using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>A play whose host pattern matches no host of the inventory would do nothing: a warning, since that may be intended.</summary>
internal static class HostPatternCheck
{
    public static void Run(Playbook playbook, InventoryView inventory, DiagnosticBag diagnostics)
    {
        foreach (var play in playbook.Plays.Where(p => p.HostPattern.Length > 0))
        {
            IReadOnlyCollection<string> matched;
            try
            {
                matched = inventory.Match(play.HostPattern);
            }
            catch (ArgumentException ex)
            {
                diagnostics.Error((play.KeyLocations.GetValueOrDefault("hosts") ?? play.Location), $"invalid host pattern '{play.HostPattern}': {ex.Message}");
                continue;
            }

            if (matched.Count == 0)
            {
                var names = inventory.Groups.Concat(inventory.Hosts).Append("all");
                diagnostics.Warning((play.KeyLocations.GetValueOrDefault("hosts") ?? play.Location), $"host pattern '{play.HostPattern}' matches no host of the inventory{DidYouMean.Suffix(play.HostPattern, names)}");
            }
        }
    }
}
