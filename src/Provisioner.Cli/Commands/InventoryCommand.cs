using System.CommandLine;
using Provisioner.Cli.Commands.Inventory;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov inventory</c>: shows an inventory as prov reads it, in ansible-inventory's formats.</summary>
internal static class InventoryCommand
{
    public static Command Create()
    {
        var inventory = new Option<string[]>("--inventory", "-i")
        {
            Description = "Inventory file or folder (repeat to merge several)",
            HelpName = "INVENTORY",
            Arity = ArgumentArity.OneOrMore,
        };
        var list = new Option<bool>("--list") { Description = "Print every group and each host's variables as JSON" };
        var graph = new Option<string?>("--graph")
        {
            Description = "Print the group tree, from GROUP (default: all)",
            HelpName = "GROUP",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var host = new Option<string?>("--host") { Description = "Print the merged variables of one host as JSON", HelpName = "NAME" };
        var playbookDir = new Option<string?>("--playbook-dir")
        {
            Description = "Also read group_vars/ and host_vars/ from this playbook folder (they win over the inventory's)",
            HelpName = "DIR",
        };
        var limit = new Option<string?>("--limit", "-l") { Description = "Only show hosts matching this host pattern", HelpName = "PATTERN" };

        var command = new Command("inventory", "Show hosts, groups and host variables as prov reads them from an inventory")
        {
            inventory, list, graph, host, playbookDir, limit,
        };
        command.SetAction(parse => Run(new InventoryRequest(
            parse.GetValue(inventory) ?? [],
            parse.GetValue(list),
            parse.GetResult(graph) is not null,
            parse.GetValue(graph),
            parse.GetValue(host),
            parse.GetValue(playbookDir),
            parse.GetValue(limit))));
        return command;
    }

    private static int Run(InventoryRequest request)
    {
        try
        {
            var output = InventoryOutput.Render(request, out var warnings);
            foreach (var warning in warnings)
            {
                Console.Error.WriteLine(warning.ToString());
            }

            Console.Out.Write(output);
            return ExitCodes.Ok;
        }
        catch (InvalidInputException ex)
        {
            foreach (var diagnostic in ex.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            return ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: cannot read the inventory: {ex.Message}");
            return ExitCodes.Error;
        }
    }
}
