// The one place a gRPC failure is classified: connection trouble (retry, then unreachable) or the agent's answer.
using System.Security.Authentication;
using Grpc.Core;

namespace Provisioner.Controller.Transport;

internal static class RpcFailures
{
    /// <summary>True when the call failed for want of a working connection, not because the agent said no.</summary>
    public static bool IsConnectionFailure(RpcException ex, CancellationToken ct) => ex.StatusCode switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => true,
        // A connection reset mid-stream surfaces as Internal/Unknown carrying the transport exception.
        StatusCode.Internal or StatusCode.Unknown => ex.Status.DebugException is HttpRequestException or IOException or AuthenticationException,
        // Cancelled without our token: the stream was torn down under us.
        StatusCode.Cancelled => !ct.IsCancellationRequested,
        _ => false,
    };

    public static AgentUnreachableException Unreachable(AgentEndpoint endpoint, RpcException ex, string? certificateRefusal, int attempts)
    {
        var reason = certificateRefusal is not null
            ? $"its certificate was refused: {certificateRefusal}"
            : Describe(ex);
        var tries = attempts == 1 ? string.Empty : $" (after {attempts} attempts)";
        return new AgentUnreachableException(endpoint, $"host {endpoint} is unreachable{tries}: {reason}", ex);
    }

    public static AgentRefusedException Refused(AgentEndpoint endpoint, string method, RpcException ex)
    {
        var refusal = ex.StatusCode switch
        {
            StatusCode.ResourceExhausted => AgentRefusal.Busy,
            StatusCode.InvalidArgument => AgentRefusal.InvalidRequest,
            StatusCode.FailedPrecondition => AgentRefusal.WrongHost,
            StatusCode.NotFound => AgentRefusal.UnknownRun,
            StatusCode.PermissionDenied or StatusCode.Unauthenticated => AgentRefusal.Unauthorized,
            _ => AgentRefusal.AgentError,
        };
        return new AgentRefusedException(endpoint, refusal, $"agent on {endpoint} refused {method}: {ex.Status.Detail} ({ex.StatusCode})", ex);
    }

    private static string Describe(RpcException ex)
    {
        var cause = Innermost(ex.Status.DebugException);
        var detail = cause is null ? ex.Status.Detail : $"{ex.Status.Detail} ({cause.Message})";
        return cause is IOException or AuthenticationException
            ? $"{detail}; if the agent is running, it may have refused this controller's certificate (see its log)"
            : detail;
    }

    private static Exception? Innermost(Exception? ex)
    {
        while (ex?.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
