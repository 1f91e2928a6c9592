using System.Net;
using Provisioner.Core.Diagnostics;
using Provisioner.Bootstrap.Enrolment;
using Provisioner.Bootstrap.Install;
using Provisioner.Bootstrap.Ssh;
using Provisioner.Bootstrap.Verification;

namespace Provisioner.Bootstrap;

/// <summary>
/// Bootstraps one host, step by step: connect (host key verified) → can become root → platform → install files →
/// enrol → enable → start or restart → verify over mTLS. Stops at the first failure; a host that had no agent before
/// is rolled back so that a failed first install leaves nothing behind.
/// </summary>
internal sealed class HostPipeline
{
    private readonly BootstrapServices _services;
    private readonly BootstrapOptions _options;
    private readonly BootstrapHost _host;
    private readonly List<StepResult> _steps = [];

    public HostPipeline(BootstrapServices services, BootstrapOptions options, BootstrapHost host)
    {
        _services = services;
        _options = options;
        _host = host;
    }

    public async Task<HostReport> RunAsync(CancellationToken ct)
    {
        try
        {
            await using var remote = await new SshConnector(_host.Ssh, _host.Credentials).ConnectAsync(_host.Target, ct).ConfigureAwait(false);
            await CheckBecomeAsync(remote, ct).ConfigureAwait(false);
            if (_options.Uninstall)
            {
                await UninstallAsync(remote, ct).ConfigureAwait(false);
            }
            else
            {
                await InstallAsync(remote, ct).ConfigureAwait(false);
            }

            return HostReport.From(_host.Name, _steps);
        }
        catch (BootstrapException ex)
        {
            return HostReport.Failure(_host.Name, _steps, ex.Message, unreachable: ex is SshConnectionException or HostKeyException);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException or ProvisionerException)
        {
            return HostReport.Failure(_host.Name, _steps, $"{_host.Name}: {ex.Message}", unreachable: false);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The SSH connection broke under a command (the host went away, sshd restarted).
            return HostReport.Failure(_host.Name, _steps, $"{_host.Name}: the SSH connection was lost: {ex.Message}", unreachable: true);
        }
    }

    private async Task InstallAsync(IRemoteHost remote, CancellationToken ct)
    {
        var layout = _options.Layout;
        var platform = await PlatformProbe.DetectAsync(remote, layout, ct).ConfigureAwait(false);
        var binary = _services.Binaries.For(_host.Name, platform.RuntimeId);
        var installed = await new AgentInstaller(remote, layout, platform).InstallAsync(binary, _host.Agent, ct).ConfigureAwait(false);
        _steps.AddRange(installed.Steps);

        var service = new ServiceControl(remote, layout, platform.Init);
        try
        {
            var enrolment = await new AgentEnroller(remote, layout, _services.Authority)
                .EnsureEnrolledAsync(Addresses(), ct).ConfigureAwait(false);
            _steps.AddRange(enrolment);
            _steps.Add(await service.EnableAsync(ct).ConfigureAwait(false));
            var restart = installed.NeedsRestart || enrolment.Any(s => s.Changed);
            _steps.Add(await service.EnsureRunningAsync(restart, ct).ConfigureAwait(false));
        }
        catch (BootstrapException) when (installed.Fresh)
        {
            await RollBackAsync(remote, platform.Init).ConfigureAwait(false);
            throw;
        }

        _steps.Add(await VerifyAsync(ct).ConfigureAwait(false));
    }

    private async Task RollBackAsync(IRemoteHost remote, InitSystem init)
    {
        try
        {
            await new AgentRemover(remote, _options.Layout, init).RemoveAsync(removeState: true, CancellationToken.None).ConfigureAwait(false);
            _steps.Add(StepResult.Change("rollback", "the host had no agent before: removed what this run installed"));
        }
        catch (Exception ex) when (ex is BootstrapException or IOException or Renci.SshNet.Common.SshException
            or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The failure that led here is what the report says; a rollback that cannot finish is noted beside it.
            _steps.Add(StepResult.Change("rollback", $"could not remove what this run installed: {ex.Message}"));
        }
    }

    private async Task<StepResult> VerifyAsync(CancellationToken ct)
    {
        // A just-started agent needs a moment to listen: retry until the deadline, then report the last failure.
        var deadline = _services.Time.GetUtcNow() + _options.VerifyTimeout;
        while (true)
        {
            try
            {
                return StepResult.Ok("verify", await _services.Probe.ProbeAsync(_host, ct).ConfigureAwait(false));
            }
            catch (BootstrapException ex) when (ex is not AgentProbeUnavailableException && _services.Time.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _services.Time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task UninstallAsync(IRemoteHost remote, CancellationToken ct)
    {
        var init = await PlatformProbe.DetectInitAsync(remote, _options.Layout, ct).ConfigureAwait(false);
        var hadCertificate = (await remote.RunAsync(RemoteCommand.Of("test", "-e", _options.Layout.Certificate), ct).ConfigureAwait(false)).Succeeded;
        _steps.AddRange(await new AgentRemover(remote, _options.Layout, init).RemoveAsync(removeState: false, ct).ConfigureAwait(false));
        if (!hadCertificate)
        {
            return;
        }

        try
        {
            var revoked = _services.Authority.RevokeAgent(_host.Name);
            _steps.Add(revoked > 0
                ? StepResult.Change("revoke", $"revoked {revoked} certificate(s) of {_host.Name} at the CA")
                : StepResult.Ok("revoke", $"the certificates of {_host.Name} were revoked already"));
        }
        catch (BootstrapException ex)
        {
            throw new BootstrapException($"{_host.Name}: the agent was removed, but its certificate was NOT revoked: {ex.Message}", ex);
        }
    }

    /// <summary>With sudo, fail early and clearly when it would ask for a password.</summary>
    private async Task CheckBecomeAsync(IRemoteHost remote, CancellationToken ct)
    {
        if (!_host.Target.NeedsSudo)
        {
            return;
        }

        var probe = await remote.RunAsync(new RemoteCommand(["sudo", "-n", "true"]) { Become = false }, ct).ConfigureAwait(false);
        if (!probe.Succeeded)
        {
            throw new BootstrapException(
                $"{_host.Name}: user '{_host.Target.User}' cannot become root without a password (sudo -n true: {probe.Stderr.Trim()}); log in as root, or allow this user passwordless sudo");
        }
    }

    private IReadOnlyList<IPAddress> Addresses() =>
        IPAddress.TryParse(_host.Target.Address, out var address) ? [address] : [];
}
