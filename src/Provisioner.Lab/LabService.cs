using Provisioner.Lab.Preflight;
using Serilog;

namespace Provisioner.Lab;

/// <summary>
/// Real Debian 12 hosts on this machine: systemd containers on an internal Docker network, with an apt cache on the
/// gateway, a lab SSH key, known_hosts and an inventory. Entry point for the <c>prov lab</c> commands.
/// </summary>
public sealed class LabService(ILogger log, TimeProvider time)
{
    public const int DefaultAgentPort = 7443;

    /// <summary>Brings the lab up, or repairs it; returns the written state.</summary>
    public async Task<State.LabState> UpAsync(LabUpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        PreflightChecks.RequireRoot("up");
        PreflightChecks.RequireTools(PreflightChecks.UpTools);
        return await new LabUp(Context(options.StateDirectory)).RunAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public async Task<LabDownReport> DownAsync(LabDownOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        PreflightChecks.RequireRoot("down");
        PreflightChecks.RequireTools(PreflightChecks.DownTools);
        return await new LabDown(Context(options.StateDirectory)).RunAsync(options, cancellationToken).ConfigureAwait(false);
    }

    public Task<LabStatusReport> StatusAsync(string stateDirectory, int agentPort, CancellationToken cancellationToken) =>
        new LabStatus(Context(stateDirectory)).RunAsync(agentPort, cancellationToken);

    public async Task<LabHostStatus> ResetAsync(string stateDirectory, string host, CancellationToken cancellationToken)
    {
        PreflightChecks.RequireRoot("reset");
        PreflightChecks.RequireTools(PreflightChecks.UpTools);
        return await new LabReset(Context(stateDirectory)).RunAsync(host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The paths of the lab in <paramref name="stateDirectory"/>.</summary>
    public static LabPaths PathsFor(string stateDirectory) => LabPaths.For(stateDirectory);

    private LabContext Context(string stateDirectory) => new(stateDirectory, log, time);
}
