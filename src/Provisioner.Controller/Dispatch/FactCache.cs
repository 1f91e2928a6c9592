using System.Collections.Concurrent;
using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Dispatch;

/// <summary>
/// Facts of every targeted host, gathered once per run, in parallel (within <c>--forks</c>). A host that cannot be
/// reached is reported unreachable, one whose agent fails to gather is reported failed; neither takes part in any play.
/// </summary>
internal sealed class FactCache
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, object?>> _facts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>> Facts => _facts;

    public bool Gathered { get; private set; }

    /// <summary>Gathers from every host; returns the hosts that failed or were unreachable.</summary>
    public async Task<IReadOnlyList<string>> GatherAsync(IReadOnlyList<string> hosts, ConnectionPool pool, SemaphoreSlim forks, ReportGate reports, CancellationToken ct)
    {
        Gathered = true;
        var lost = new ConcurrentBag<string>();
        await Task.WhenAll(hosts.Select(async host =>
        {
            await forks.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var connection = await pool.GetAsync(host, ct).ConfigureAwait(false);
                _facts[host] = await connection.GatherFactsAsync(ct).ConfigureAwait(false);
                reports.Report(new FactsReport(host, StatusNames.Ok, string.Empty));
            }
            catch (HostUnreachableException ex)
            {
                pool.Drop(host);
                lost.Add(host);
                reports.Report(new FactsReport(host, StatusNames.Unreachable, ex.Message));
            }
            catch (AgentRunException ex)
            {
                lost.Add(host);
                reports.Report(new FactsReport(host, StatusNames.Failed, $"gathering facts failed: {ex.Message}"));
            }
            finally
            {
                forks.Release();
            }
        })).ConfigureAwait(false);
        return [.. lost];
    }
}
