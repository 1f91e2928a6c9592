// The Agent gRPC service: capabilities, facts, and runs through the durable RunCoordinator.
using Grpc.Core;
using Provisioner.Agent.Facts;
using Provisioner.Agent.Runs;
using Provisioner.Agent.State;
using Provisioner.Core.Diagnostics;
using Provisioner.Protocol.Mapping;
using Provisioner.Protocol.V1;
using Provisioner.Security.Certificates;
using Provisioner.Security.Validation;
using ILogger = Serilog.ILogger;
using Task = System.Threading.Tasks.Task;

namespace Provisioner.Agent.Server;

/// <summary>
/// Implements <c>provisioner.v1.Agent</c>. Only reached over TLS 1.3 by a client whose certificate the PeerValidator
/// accepted as a controller. Expected refusals become gRPC statuses: an invalid run id or plan is InvalidArgument, an
/// unknown run NotFound, a plan for another host FailedPrecondition, a busy host ResourceExhausted. The controller's
/// certificate is judged again on every call, so one revoked or expired while its connection stays open is refused
/// (PermissionDenied) from then on.
/// </summary>
internal sealed class AgentService : Protocol.V1.Agent.AgentBase
{
    public const uint ProtocolVersion = 1;

    private readonly RunCoordinator _coordinator;
    private readonly IFactGatherer _facts;
    private readonly AgentIdentity _identity;
    private readonly PeerValidator _validator;
    private readonly ILogger _log;

    public AgentService(RunCoordinator coordinator, IFactGatherer facts, AgentIdentity identity, PeerValidator validator, ILogger log)
    {
        _coordinator = coordinator;
        _facts = facts;
        _identity = identity;
        _validator = validator;
        _log = log;
    }

    public override Task<Capabilities> GetCapabilities(GetCapabilitiesRequest request, ServerCallContext context)
    {
        Authorize(context);
        var capabilities = new Capabilities
        {
            AgentVersion = Cli.AgentCli.Version,
            ProtocolVersion = ProtocolVersion,
            Host = _identity.Host,
        };
        capabilities.Modules.AddRange(_identity.Modules);
        return Task.FromResult(capabilities);
    }

    public override async Task<Protocol.V1.Facts> GatherFacts(GatherFactsRequest request, ServerCallContext context)
    {
        Authorize(context);
        var facts = await _facts.GatherAsync(context.CancellationToken).ConfigureAwait(false);
        return new Protocol.V1.Facts { Facts_ = PlainValueMapper.ToStruct(facts) };
    }

    public override async Task<StartRunResponse> StartRun(StartRunRequest request, ServerCallContext context)
    {
        Authorize(context);
        Core.Plans.HostPlan plan;
        try
        {
            StateLayout.CheckRunId(request.RunId);
            plan = PlanMapper.FromProto(request.Plan ?? throw new ArgumentException("StartRun carries no plan"));
        }
        catch (Exception ex) when (ex is InvalidRunIdException or ArgumentException or InvalidInputException)
        {
            throw Refuse(StatusCode.InvalidArgument, ex.Message, request.RunId, context);
        }

        if (!string.Equals(plan.Host, _identity.Host, StringComparison.OrdinalIgnoreCase))
        {
            throw Refuse(StatusCode.FailedPrecondition,
                $"the plan is for host '{plan.Host}' but this agent is '{_identity.Host}' (its certificate's name); check the inventory", request.RunId, context);
        }

        StartRunResult started;
        try
        {
            started = await _coordinator.StartAsync(request.RunId, plan, context.CancellationToken).ConfigureAwait(false);
        }
        catch (AgentBusyException ex)
        {
            throw Refuse(StatusCode.ResourceExhausted, $"busy: {ex.Message}", request.RunId, context);
        }

        foreach (var interrupted in started.Interrupted)
        {
            _log.Warning("Run {RunId} was interrupted: {Message}", interrupted.RunId, interrupted.Message);
        }

        if (started.AlreadyStarted)
        {
            _log.Information("Run {RunId} requested again by {Controller}: already recorded as {Status}, not started again",
                request.RunId, Caller(context), Engine.StatusNames.Of(started.Status));
        }
        else
        {
            _log.Information("Run {RunId} of play {Play} ({Tasks} tasks{Check}) started by {Controller}",
                request.RunId, plan.Play, plan.Tasks.Count, plan.Check ? ", check mode" : string.Empty, Caller(context));
        }

        return new StartRunResponse
        {
            RunId = started.RunId,
            AlreadyStarted = started.AlreadyStarted,
            Status = RunEventMapper.ToProto(started.Status),
        };
    }

    public override async Task WatchRun(WatchRunRequest request, IServerStreamWriter<RunEvent> responseStream, ServerCallContext context)
    {
        Authorize(context);
        var afterSeq = (long)Math.Min(request.AfterSeq, long.MaxValue);
        IAsyncEnumerator<Core.Runs.RunEvent>? events = null;
        try
        {
            events = _coordinator.WatchAsync(request.RunId, afterSeq, context.CancellationToken).GetAsyncEnumerator(context.CancellationToken);
            while (await MoveNextAsync(events, request.RunId, context).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(RunEventMapper.ToProto(events.Current), context.CancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (events is not null)
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override Task<CancelRunResponse> CancelRun(CancelRunRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            var status = _coordinator.Cancel(request.RunId);
            _log.Information("Run {RunId}: cancel requested by {Controller} (status {Status})", request.RunId, Caller(context), Engine.StatusNames.Of(status));
            return Task.FromResult(new CancelRunResponse { Status = RunEventMapper.ToProto(status) });
        }
        catch (InvalidRunIdException ex)
        {
            throw Refuse(StatusCode.InvalidArgument, ex.Message, request.RunId, context);
        }
        catch (UnknownRunException ex)
        {
            throw Refuse(StatusCode.NotFound, ex.Message, request.RunId, context);
        }
    }

    private async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<Core.Runs.RunEvent> events, string runId, ServerCallContext context)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (InvalidRunIdException ex)
        {
            throw Refuse(StatusCode.InvalidArgument, ex.Message, runId, context);
        }
        catch (UnknownRunException ex)
        {
            throw Refuse(StatusCode.NotFound, ex.Message, runId, context);
        }
    }

    private void Authorize(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var peer = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort} calling {context.Method}";
        var verdict = _validator.Validate(http.Connection.ClientCertificate, PeerRole.Controller, expectedHost: null, peer);
        if (!verdict.Accepted)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"this controller is not (or no longer) accepted: {verdict.RefusalReason}"));
        }

        // One line per accepted call (log_level debug): lets an operator or a benchmark count round trips per host.
        _log.Debug("Call {Method} from {Address}:{Port}", context.Method, http.Connection.RemoteIpAddress, http.Connection.RemotePort);
    }

    private RpcException Refuse(StatusCode code, string message, string runId, ServerCallContext context)
    {
        _log.Warning("{Method} for run {RunId} from {Controller} refused ({Code}): {Message}", context.Method, runId, Caller(context), code.ToString(), message);
        return new RpcException(new Status(code, message));
    }

    private static string Caller(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var certificate = http.Connection.ClientCertificate;
        var name = certificate is null ? "?" : PeerIdentity.FromCertificate(certificate).Name;
        return $"{name}@{http.Connection.RemoteIpAddress}";
    }
}
