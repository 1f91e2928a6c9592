using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>Enables, starts, restarts and stops the agent's service with the host's init system.</summary>
internal sealed class ServiceControl
{
    private const string Unit = "prov-agent.service";
    private const string ScriptName = "prov-agent";

    private readonly IRemoteHost _host;
    private readonly InstallLayout _layout;
    private readonly InitSystem _init;

    public ServiceControl(IRemoteHost host, InstallLayout layout, InitSystem init)
    {
        _host = host;
        _layout = layout;
        _init = init;
    }

    /// <summary>Starts the service at boot.</summary>
    public async Task<StepResult> EnableAsync(CancellationToken ct)
    {
        if (_init == InitSystem.Systemd)
        {
            if ((await _host.RunAsync(RemoteCommand.Of("systemctl", "is-enabled", "--quiet", Unit), ct).ConfigureAwait(false)).Succeeded)
            {
                return StepResult.Ok("enable", $"{Unit} is enabled");
            }

            await _host.RunCheckedAsync(ct, "systemctl", "enable", Unit).ConfigureAwait(false);
            return StepResult.Change("enable", $"enabled {Unit}");
        }

        if (_layout.IsPrefixed)
        {
            return StepResult.Ok("enable", $"not registered with init: the install root is {_layout.Root}");
        }

        if ((await _host.RunAsync(RemoteCommand.Of("sh", "-c", "ls /etc/rc2.d/S*prov-agent >/dev/null 2>&1"), ct).ConfigureAwait(false)).Succeeded)
        {
            return StepResult.Ok("enable", "prov-agent is enabled (/etc/rc2.d)");
        }

        await _host.RunCheckedAsync(ct, "update-rc.d", ScriptName, "defaults").ConfigureAwait(false);
        return StepResult.Change("enable", "enabled prov-agent (update-rc.d)");
    }

    public async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        var status = _init == InitSystem.Systemd
            ? RemoteCommand.Of("systemctl", "is-active", "--quiet", Unit)
            : RemoteCommand.Of(_layout.InitScript, "status");
        return (await _host.RunAsync(status, ct).ConfigureAwait(false)).Succeeded;
    }

    /// <summary>Starts the service if it is not running; restarts it when <paramref name="restart"/> (its files changed).</summary>
    public async Task<StepResult> EnsureRunningAsync(bool restart, CancellationToken ct)
    {
        var running = await IsRunningAsync(ct).ConfigureAwait(false);
        if (running && !restart)
        {
            return StepResult.Ok("service", "prov-agent is running");
        }

        var verb = running ? "restart" : "start";
        var command = _init == InitSystem.Systemd ? RemoteCommand.Of("systemctl", verb, Unit) : RemoteCommand.Of(_layout.InitScript, verb);
        var result = await _host.RunAsync(command, ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var log = _init == InitSystem.Systemd
                ? (await _host.RunAsync(RemoteCommand.Of("journalctl", "-u", Unit, "-n", "20", "--no-pager"), ct).ConfigureAwait(false)).Stdout
                : result.Stderr;
            throw new RemoteCommandException($"{_host.Target.Name}: prov-agent did not {verb} ('{command}' exit {result.ExitCode}):\n{log.Trim()}");
        }

        return StepResult.Change("service", running ? "restarted prov-agent" : "started prov-agent");
    }

    /// <summary>Stops the service and removes it from init; true when something was running or registered.</summary>
    public async Task<bool> StopAndDisableAsync(CancellationToken ct)
    {
        var changed = await IsRunningAsync(ct).ConfigureAwait(false);
        if (_init == InitSystem.Systemd)
        {
            var enabled = (await _host.RunAsync(RemoteCommand.Of("systemctl", "is-enabled", "--quiet", Unit), ct).ConfigureAwait(false)).Succeeded;
            if (changed || enabled)
            {
                await _host.RunCheckedAsync(ct, "systemctl", "disable", "--now", Unit).ConfigureAwait(false);
            }

            return changed || enabled;
        }

        if ((await _host.RunAsync(RemoteCommand.Of("test", "-x", _layout.InitScript), ct).ConfigureAwait(false)).Succeeded)
        {
            await _host.RunCheckedAsync(ct, _layout.InitScript, "stop").ConfigureAwait(false);
        }

        if (!_layout.IsPrefixed
            && (await _host.RunAsync(RemoteCommand.Of("sh", "-c", "ls /etc/rc2.d/S*prov-agent >/dev/null 2>&1"), ct).ConfigureAwait(false)).Succeeded)
        {
            await _host.RunCheckedAsync(ct, "update-rc.d", "-f", ScriptName, "remove").ConfigureAwait(false);
            changed = true;
        }

        return changed;
    }
}
