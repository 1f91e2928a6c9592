// The controller's typed view of one agent: Core types in, Core types out, connection trouble retried or reported as unreachable.
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Client;
using Provisioner.Core.Plans;
using Provisioner.Core.Runs;
using Provisioner.Protocol.Mapping;
using Serilog;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Controller.Transport;

/// <summary>
/// The Agent service of one host. Every call is retried on connection failure (all of them are safe to repeat) and
/// ends in <see cref="AgentUnreachableException"/> when the host stays out of reach; an answer from the agent that
/// refuses the request is an <see cref="AgentRefusedException"/>. Task failures are not exceptions: they arrive as
/// events of the run.
/// </summary>
public sealed class AgentClient
{
    private readonly Proto.Agent.AgentClient _client;
    private readonly AgentChannelFactory _factory;
    private readonly AgentClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    internal AgentClient(AgentEndpoint endpoint, GrpcChannel channel, AgentChannelFactory factory, AgentClientOptions options, TimeProvider time, ILogger log)
    {
        Endpoint = endpoint;
        _client = new Proto.Agent.AgentClient(channel);
        _factory = factory;
        _options = options;
        _time = time;
        _log = log;
    }

    public AgentEndpoint Endpoint { get; }

    public Task<AgentInfo> GetCapabilitiesAsync(CancellationToken ct) =>
        CallAsync("GetCapabilities", async (options) =>
        {
            var reply = await _client.GetCapabilitiesAsync(new Proto.GetCapabilitiesRequest(), options).ConfigureAwait(false);
            return new AgentInfo(reply.AgentVersion, reply.ProtocolVersion, reply.Modules.ToList(), reply.Host);
        }, ct);

    /// <summary>The host's facts as plain data.</summary>
    public Task<IReadOnlyDictionary<string, object?>> GatherFactsAsync(CancellationToken ct) =>
        CallAsync<IReadOnlyDictionary<string, object?>>("GatherFacts", async (options) =>
        {
            var reply = await _client.GatherFactsAsync(new Proto.GatherFactsRequest(), options).ConfigureAwait(false);
            return PlainValueMapper.FromStruct(reply.Facts_);
        }, ct);

    /// <summary>Starts the whole plan as one run. Idempotent on <paramref name="runId"/>, so a retry never runs it twice.</summary>
    public Task<RunStarted> StartRunAsync(string runId, HostPlan plan, CancellationToken ct)
    {
        var request = new Proto.StartRunRequest { RunId = runId, Plan = PlanMapper.ToProto(plan) };
        return CallAsync("StartRun", async (options) =>
        {
            var reply = await _client.StartRunAsync(request, options).ConfigureAwait(false);
            return new RunStarted(reply.RunId, reply.AlreadyStarted, RunEventMapper.FromProto(reply.Status));
        }, ct);
    }

    /// <summary>Asks the agent to stop the run; the run still ends with a <see cref="RunCompletedEvent"/>.</summary>
    public Task<RunStatus> CancelRunAsync(string runId, CancellationToken ct) =>
        CallAsync("CancelRun", async (options) =>
        {
            var reply = await _client.CancelRunAsync(new Proto.CancelRunRequest { RunId = runId }, options).ConfigureAwait(false);
            return RunEventMapper.FromProto(reply.Status);
        }, ct);

    /// <summary>Starts the run, then streams all of its events (from seq 1) until it completes.</summary>
    public async IAsyncEnumerable<RunEvent> RunAsync(string runId, HostPlan plan, [EnumeratorCancellation] CancellationToken ct)
    {
        await StartRunAsync(runId, plan, ct).ConfigureAwait(false);
        await foreach (var e in WatchRunAsync(runId, 0, ct).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>
    /// Every event after <paramref name="afterSeq"/>, then live ones, up to and including the
    /// <see cref="RunCompletedEvent"/>. When the stream breaks, the client reconnects and resumes after the last event
    /// it yielded, so no event is lost or repeated. When the enumeration ends, the agent has recorded the run's outcome.
    /// </summary>
    public async IAsyncEnumerable<RunEvent> WatchRunAsync(string runId, long afterSeq, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = afterSeq;
        var failures = 0;
        while (true)
        {
            _factory.ForgetRefusal(Endpoint);
            using var call = _client.WatchRun(new Proto.WatchRunRequest { RunId = runId, AfterSeq = (ulong)Math.Max(0, last) }, cancellationToken: ct);
            RpcException? broken = null;
            while (true)
            {
                var (next, error) = await NextAsync(call.ResponseStream, ct).ConfigureAwait(false);
                if (error is not null)
                {
                    broken = error;
                    break;
                }

                if (next is null)
                {
                    yield break;
                }

                failures = 0;
                var e = RunEventMapper.FromProto(next);
                if (e.Seq <= last)
                {
                    continue;
                }

                last = e.Seq;
                yield return e;
                if (e is RunCompletedEvent)
                {
                    // The agent ends the stream once the run's record is written and its lock released; waiting for that
                    // means a StartRun sent after this enumeration finishes sees the run as history.
                    await DrainAsync(call.ResponseStream, ct).ConfigureAwait(false);
                    yield break;
                }
            }

            if (!RpcFailures.IsConnectionFailure(broken, ct))
            {
                throw RpcFailures.Refused(Endpoint, "WatchRun", broken);
            }

            failures++;
            if (failures >= _options.Attempts || _factory.LastRefusal(Endpoint) is not null)
            {
                throw RpcFailures.Unreachable(Endpoint, broken, _factory.LastRefusal(Endpoint), failures);
            }

            _log.Warning("Lost the event stream of run {RunId} on {Host} after event {Seq} ({Detail}); resuming ({Attempt}/{Attempts})",
                runId, Endpoint.ToString(), last, broken.Status.Detail, failures, _options.Attempts - 1);
            await Task.Delay(Backoff(failures), _time, ct).ConfigureAwait(false);
        }
    }

    private static async Task DrainAsync(IAsyncStreamReader<Proto.RunEvent> stream, CancellationToken ct)
    {
        while (true)
        {
            var (next, error) = await NextAsync(stream, ct).ConfigureAwait(false);
            if (next is null || error is not null)
            {
                return;
            }
        }
    }

    private static async Task<(Proto.RunEvent? Next, RpcException? Error)> NextAsync(IAsyncStreamReader<Proto.RunEvent> stream, CancellationToken ct)
    {
        try
        {
            return await stream.MoveNext(ct).ConfigureAwait(false) ? (stream.Current, null) : (null, null);
        }
        catch (RpcException ex) when (!(ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested))
        {
            return (null, ex);
        }
    }

    private async Task<T> CallAsync<T>(string method, Func<CallOptions, Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            _factory.ForgetRefusal(Endpoint);
            try
            {
                return await call(new CallOptions(deadline: _time.GetUtcNow().UtcDateTime + _options.CallTimeout, cancellationToken: ct)).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{method} on {Endpoint} was cancelled", ex, ct);
            }
            catch (RpcException ex) when (RpcFailures.IsConnectionFailure(ex, ct))
            {
                // A certificate we refused will not change by retrying.
                var refusal = _factory.LastRefusal(Endpoint);
                if (attempt >= _options.Attempts || refusal is not null)
                {
                    throw RpcFailures.Unreachable(Endpoint, ex, refusal, attempt);
                }

                _log.Debug("{Method} on {Host} failed to connect ({Detail}); retrying ({Attempt}/{Attempts})",
                    method, Endpoint.ToString(), ex.Status.Detail, attempt, _options.Attempts - 1);
                await Task.Delay(Backoff(attempt), _time, ct).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw RpcFailures.Refused(Endpoint, method, ex);
            }
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}
