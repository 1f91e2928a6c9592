using Provisioner.Controller.Planning;
using Provisioner.Core.Diagnostics;
using Provisioner.Language.Inventory;
using Provisioner.Templating;

namespace Provisioner.Controller.Dispatch;

/// <summary><c>prov facts</c>: the facts of the hosts a pattern selects, gathered in parallel (one GatherFacts each).</summary>
public sealed class FactsQuery(IAgentConnector connector, int forks = 50)
{
    /// <summary>Throws <see cref="InvalidInputException"/> when the pattern is invalid, matches nothing, or an address cannot be rendered.</summary>
    public async Task<IReadOnlyList<HostFacts>> GatherAsync(Core.Inventory.Inventory inventory, string pattern, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        var selection = HostPatterns.Select(inventory, pattern);
        if (selection.Hosts.Count == 0)
        {
            throw new InvalidInputException($"'{pattern}' matches no host of the inventory");
        }

        var errors = new List<Diagnostic>();
        var addresses = HostAddresses.Resolve(selection.Hosts, new TemplateEngine(), errors);
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        using var gate = new SemaphoreSlim(Math.Max(1, forks));
        return await Task.WhenAll(selection.Hosts.Select(async host =>
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await using var connection = await connector.ConnectAsync(addresses[host.Name], ct).ConfigureAwait(false);
                return new HostFacts(host.Name, await connection.GatherFactsAsync(ct).ConfigureAwait(false));
            }
            catch (HostUnreachableException ex)
            {
                return new HostFacts(host.Name, null) { Error = ex.Message, Unreachable = true };
            }
            catch (AgentRunException ex)
            {
                return new HostFacts(host.Name, null) { Error = ex.Message };
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }
}
