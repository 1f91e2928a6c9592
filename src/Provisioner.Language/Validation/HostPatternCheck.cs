using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Language.Inventory;

namespace Provisioner.Language.Validation;

/// <summary>A play whose host pattern matches no host of the inventory would do nothing: a warning, since that may be intended.</summary>
internal static class HostPatternCheck
{
    public static void Run(Playbook playbook, Core.Inventory.Inventory inventory, DiagnosticBag diagnostics)
    {
        foreach (var play in playbook.Plays.Where(p => p.HostPattern.Length > 0))
        {
            var at = play.KeyLocations.GetValueOrDefault("hosts") ?? play.Location;
            try
            {
                var selection = HostPatterns.Select(inventory, play.HostPattern, limit: null, at);
                diagnostics.AddRange(selection.Warnings);
                if (selection.Hosts.Count == 0 && selection.Warnings.Count == 0)
                {
                    diagnostics.Warning(at, $"host pattern '{play.HostPattern}' matches no host of the inventory; the play will do nothing");
                }
            }
            catch (InvalidInputException ex)
            {
                diagnostics.AddRange(ex.Diagnostics);
            }
        }
    }
}
