namespace Provisioner.Bootstrap;

/// <summary>
/// What happened on one host: the steps that ran, and the error that stopped it, if any. <see cref="Unreachable"/>:
/// the failure was connecting or logging in (nothing was done on the host).
/// </summary>
public sealed record HostReport(string Host, HostOutcome Outcome, IReadOnlyList<StepResult> Steps, string? Error, bool Unreachable = false)
{
    public static HostReport From(string host, IReadOnlyList<StepResult> steps) =>
        new(host, steps.Any(s => s.Changed) ? HostOutcome.Changed : HostOutcome.Ok, steps, null);

    public static HostReport Failure(string host, IReadOnlyList<StepResult> steps, string error, bool unreachable) =>
        new(host, HostOutcome.Failed, steps, error, unreachable);
}
