using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>Stops the agent and removes its binary, service definition, configuration, keys and certificates.</summary>
internal sealed class AgentRemover
{
    private readonly IRemoteHost _host;
    private readonly InstallLayout _layout;
    private readonly InitSystem _init;

    public AgentRemover(IRemoteHost host, InstallLayout layout, InitSystem init)
    {
        _host = host;
        _layout = layout;
        _init = init;
    }

    /// <summary>
    /// Removes everything bootstrap installs. The state directory (run records) is removed only when
    /// <paramref name="removeState"/>: uninstall keeps it, the roll-back of a failed first install does not.
    /// </summary>
    public async Task<IReadOnlyList<StepResult>> RemoveAsync(bool removeState, CancellationToken ct)
    {
        var steps = new List<StepResult>();
        var stopped = await new ServiceControl(_host, _layout, _init).StopAndDisableAsync(ct).ConfigureAwait(false);
        steps.Add(stopped ? StepResult.Change("service", "stopped and disabled prov-agent") : StepResult.Ok("service", "prov-agent was not running"));

        var paths = new[]
        {
            _layout.SystemdUnit, _layout.InitScript, _layout.Binary, _layout.Config, _layout.Key, _layout.PendingKey,
            _layout.Certificate, _layout.CaCertificate, _layout.RevocationList, _layout.PidFile,
        };
        var removed = new List<string>();
        foreach (var path in paths)
        {
            if ((await _host.RunAsync(RemoteCommand.Of("test", "-e", path), ct).ConfigureAwait(false)).Succeeded)
            {
                await _host.RunCheckedAsync(ct, "rm", "-f", "--", path).ConfigureAwait(false);
                removed.Add(path);
            }
        }

        if (removed.Contains(_layout.SystemdUnit) && _init == InitSystem.Systemd)
        {
            await _host.RunCheckedAsync(ct, "systemctl", "daemon-reload").ConfigureAwait(false);
        }

        await _host.RunAsync(RemoteCommand.Of("rmdir", "--ignore-fail-on-non-empty", "--", _layout.ConfigDirectory), ct).ConfigureAwait(false);
        steps.Add(removed.Count > 0
            ? StepResult.Change("files", "removed " + string.Join(", ", removed))
            : StepResult.Ok("files", "no agent files were installed"));

        var hasState = (await _host.RunAsync(RemoteCommand.Of("test", "-d", _layout.StateDirectory), ct).ConfigureAwait(false)).Succeeded;
        if (hasState && removeState)
        {
            await _host.RunCheckedAsync(ct, "rm", "-rf", "--", _layout.StateDirectory).ConfigureAwait(false);
            steps.Add(StepResult.Change("state", $"removed {_layout.StateDirectory}"));
        }
        else if (hasState)
        {
            steps.Add(StepResult.Ok("state", $"kept the agent's run records in {_layout.StateDirectory} (remove by hand if unwanted)"));
        }

        return steps;
    }
}
