namespace Provisioner.Bootstrap;

/// <summary>Bootstraps (or uninstalls) many hosts, at most <see cref="BootstrapOptions.Forks"/> at a time.</summary>
public sealed class BootstrapRunner
{
    private readonly BootstrapServices _services;
    private readonly BootstrapOptions _options;

    public BootstrapRunner(BootstrapServices services, BootstrapOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Forks, 1);
        _services = services;
        _options = options;
    }

    /// <summary>
    /// Runs every host; one host's failure never stops the others. <paramref name="onHostDone"/> hears of each host as
    /// it finishes. The reports come back in the order of <paramref name="hosts"/>.
    /// </summary>
    public async Task<IReadOnlyList<HostReport>> RunAsync(IReadOnlyList<BootstrapHost> hosts, Func<HostReport, Task>? onHostDone, CancellationToken ct)
    {
        using var slots = new SemaphoreSlim(_options.Forks);
        using var reporting = new SemaphoreSlim(1);
        var runs = hosts.Select(async host =>
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            HostReport report;
            try
            {
                report = await new HostPipeline(_services, _options, host).RunAsync(ct).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }

            if (onHostDone is not null)
            {
                await reporting.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    await onHostDone(report).ConfigureAwait(false);
                }
                finally
                {
                    reporting.Release();
                }
            }

            return report;
        }).ToList();
        return await Task.WhenAll(runs).ConfigureAwait(false);
    }
}
