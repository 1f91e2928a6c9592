using Provisioner.Core.Diagnostics;

namespace Provisioner.Controller.Dispatch;

/// <summary>One connection per host for the whole run, opened on first use, replaced after it broke, all disposed at the end.</summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly IAgentConnector _connector;
    private readonly IReadOnlyDictionary<string, HostAddress> _addresses;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task<IHostConnection>> _open = new(StringComparer.Ordinal);
    private readonly List<Task<IHostConnection>> _all = [];
    private readonly Dictionary<string, Task<AgentCapabilities>> _capabilities = new(StringComparer.Ordinal);

    public ConnectionPool(IAgentConnector connector, IReadOnlyDictionary<string, HostAddress> addresses)
    {
        _connector = connector;
        _addresses = addresses;
    }

    public Task<IHostConnection> GetAsync(string host, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_open.TryGetValue(host, out var existing) && !existing.IsFaulted && !existing.IsCanceled)
            {
                return existing;
            }

            var address = _addresses.TryGetValue(host, out var a) ? a : new HostAddress(host, host, null);
            var opening = _connector.ConnectAsync(address, ct);
            _open[host] = opening;
            _all.Add(opening);
            return opening;
        }
    }

    /// <summary>Forgets the host's connection so that the next <see cref="GetAsync"/> connects again.</summary>
    public void Drop(string host)
    {
        lock (_gate)
        {
            _open.Remove(host);
        }
    }

    /// <summary>The agent's capabilities, asked once per host and run.</summary>
    public Task<AgentCapabilities> CapabilitiesAsync(string host, IHostConnection connection, CancellationToken ct)
    {
        lock (_gate)
        {
            if (!_capabilities.TryGetValue(host, out var task) || task.IsFaulted || task.IsCanceled)
            {
                task = connection.GetCapabilitiesAsync(ct);
                _capabilities[host] = task;
            }

            return task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Task<IHostConnection>> all;
        lock (_gate)
        {
            all = [.. _all];
            _all.Clear();
            _open.Clear();
        }

        foreach (var opening in all)
        {
            try
            {
                var connection = await opening.ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ProvisionerException or OperationCanceledException or IOException)
            {
                // Never connected, or already broken: nothing to close.
            }
        }
    }
}
