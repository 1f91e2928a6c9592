using Provisioner.Core.Diagnostics;
using Provisioner.Core.Inventory;
using Provisioner.Language.Inventory;

namespace Provisioner.Cli.Commands.Inventory;

/// <summary>Loads the inventory and renders the one view asked for; problems are <see cref="InvalidInputException"/>s.</summary>
internal static class InventoryOutput
{
    public static string Render(InventoryRequest request, out IReadOnlyList<Diagnostic> warnings)
    {
        var actions = (request.List ? 1 : 0) + (request.Graph ? 1 : 0) + (request.Host is null ? 0 : 1);
        if (request.Sources.Count == 0)
        {
            throw new InvalidInputException("no inventory given; pass -i with an inventory file or folder");
        }

        if (actions != 1)
        {
            throw new InvalidInputException(actions == 0
                ? "say what to show: --list, --graph [GROUP] or --host NAME"
                : "--list, --graph and --host cannot be combined; choose one");
        }

        var loaded = InventoryLoader.Load(request.Sources, request.PlaybookDir);
        var inventory = loaded.Inventory;
        var allWarnings = loaded.Warnings.ToList();
        var shown = inventory.Hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        if (request.Limit is not null)
        {
            var selection = HostPatterns.Select(inventory, InventoryGroup.All, request.Limit);
            allWarnings.AddRange(selection.Warnings);
            shown = selection.Hosts.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        }

        warnings = allWarnings;
        var view = new InventoryView(inventory, shown);
        if (request.List)
        {
            return AnsibleJson.Serialize(view.List()) + "\n";
        }

        if (request.Graph)
        {
            var name = string.IsNullOrEmpty(request.GraphGroup) ? InventoryGroup.All : request.GraphGroup;
            var start = inventory.FindGroup(name)
                ?? throw new InvalidInputException($"--graph takes a group name; there is no group '{name}' in the inventory");
            return string.Join('\n', view.Graph(start)) + "\n";
        }

        var host = inventory.FindHost(request.Host!)
            ?? throw new InvalidInputException($"there is no host '{request.Host}' in the inventory");
        if (!shown.Contains(host.Name))
        {
            throw new InvalidInputException($"host '{host.Name}' is outside --limit '{request.Limit}'");
        }

        return AnsibleJson.Serialize(host.Vars) + "\n";
    }
}
