using System.CommandLine;
using Provisioner.Cli.Commands.Apply;
using Provisioner.Controller.Dispatch;
using Provisioner.Controller.History;
using Provisioner.Controller.Json;
using Provisioner.Core.Data;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;

namespace Provisioner.Cli.Commands;

/// <summary><c>prov facts HOST... -i INVENTORY</c>: print hosts' facts as one JSON object keyed by host.</summary>
internal static class FactsCommand
{
    public static Command Create()
    {
        var hosts = new Argument<string[]>("HOST") { Description = "Hosts, groups or patterns", Arity = ArgumentArity.OneOrMore };
        var connection = new ConnectionOptions();
        var forks = new Option<int>("--forks", "-f") { Description = "Hosts contacted at once", DefaultValueFactory = _ => 50 };
        var command = new Command("facts", "Gather and print the facts of hosts (as tasks see them under `facts`)") { hosts, forks };
        foreach (var option in connection.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => RunAsync(
            string.Join(':', parse.GetValue(hosts) ?? []),
            parse.GetValue(connection.Inventory) ?? [],
            parse.GetValue(connection.Connection)!,
            parse.GetValue(connection.AgentPath),
            parse.GetValue(connection.StateDir),
            parse.GetValue(forks),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(string pattern, string[] inventories, string connection, string? agentPath, string? stateDir, int forks, CancellationToken ct)
    {
        var stderr = Console.Error;
        IReadOnlyList<HostFacts> results;
        try
        {
            var inventory = InventoryLoader.Load(inventories).Inventory;
            var connector = Connections.Create(connection, agentPath, StateDirectory.Resolve(stateDir), out var error);
            if (connector is null)
            {
                await stderr.WriteLineAsync($"prov: {error}").ConfigureAwait(false);
                return ExitCodes.Error;
            }

            results = await new FactsQuery(connector, forks).GatherAsync(inventory, pattern, ct).ConfigureAwait(false);
        }
        catch (InvalidInputException ex)
        {
            await Diagnostics.WriteAsync(stderr, ex.Diagnostics).ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }

        var all = PlainData.NewMap();
        foreach (var result in results)
        {
            if (result.Facts is not null)
            {
                all[result.Host] = result.Facts;
            }
            else
            {
                await stderr.WriteLineAsync($"{(result.Unreachable ? "unreachable" : "failed")}: [{result.Host}]: {result.Error}").ConfigureAwait(false);
            }
        }

        await Console.Out.WriteLineAsync(PlainJson.Serialize(all, indented: true)).ConfigureAwait(false);
        return results.Any(r => r.Facts is null && !r.Unreachable) ? ExitCodes.TaskFailed
            : results.Any(r => r.Unreachable) ? ExitCodes.HostUnreachable
            : ExitCodes.Ok;
    }
}
