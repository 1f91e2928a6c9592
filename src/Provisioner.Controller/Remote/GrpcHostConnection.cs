using System.Runtime.CompilerServices;
using Provisioner.Controller.Dispatch;
using Provisioner.Controller.Transport;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;

namespace Provisioner.Controller.Remote;

/// <summary>
/// One host through <see cref="AgentClient"/>: the transport's failures in the dispatcher's terms.
/// <see cref="AgentUnreachableException"/> (after the client's own retries) becomes <see cref="HostUnreachableException"/>,
/// <see cref="AgentRefusedException"/> becomes <see cref="AgentRunException"/>.
/// </summary>
internal sealed class GrpcHostConnection(AgentClient client) : IHostConnection
{
    public string Host => client.Endpoint.Host;

    public async Task<AgentCapabilities> GetCapabilitiesAsync(CancellationToken ct)
    {
        var info = await Translate(() => client.GetCapabilitiesAsync(ct)).ConfigureAwait(false);
        return new AgentCapabilities(info.AgentVersion, info.ProtocolVersion, info.Modules, info.Host);
    }

    public Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct) => Translate(() => client.GatherFactsAsync(ct));

    public async Task<StartRunReply> StartRunAsync(string runId, HostPlan plan, CancellationToken ct)
    {
        var started = await Translate(() => client.StartRunAsync(runId, plan, ct)).ConfigureAwait(false);
        return new StartRunReply(started.RunId, started.AlreadyStarted, started.Status);
    }

    public async IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var events = client.WatchRunAsync(runId, afterSeq, ct).GetAsyncEnumerator(ct);
        await using (events.ConfigureAwait(false))
        {
            while (await Translate(() => events.MoveNextAsync().AsTask()).ConfigureAwait(false))
            {
                yield return events.Current;
            }
        }
    }

    public Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct) => Translate(() => client.CancelRunAsync(runId, ct));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AgentUnreachableException ex)
        {
            throw new HostUnreachableException(Host, ex.Message, ex);
        }
        catch (AgentRefusedException ex)
        {
            throw new AgentRunException($"{Describe(ex.Refusal)}: {ex.Message}", ex);
        }
    }

    private static string Describe(AgentRefusal refusal) => refusal switch
    {
        AgentRefusal.Busy => "busy",
        AgentRefusal.InvalidRequest => "request refused",
        AgentRefusal.WrongHost => "wrong host",
        AgentRefusal.UnknownRun => "unknown run",
        AgentRefusal.Unauthorized => "not authorized",
        _ => "agent error",
    };
}
