// The service module's Compare: what must change for the service to be as asked. Pure.
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Services;

internal static class ServiceDiff
{
    public static IReadOnlyList<DiffEntry> Of(ServiceArgs args, ServiceState actual)
    {
        if (args.Name is null)
        {
            return args.DaemonReload ? [new DiffEntry("daemon_reload", string.Empty, "reloaded")] : [];
        }

        var diff = new List<DiffEntry>();
        var reload = args.DaemonReload && actual.Manager == ServiceManager.Systemd && (actual.NeedDaemonReload || !actual.Found);
        if (reload)
        {
            diff.Add(new DiffEntry("daemon_reload", actual.Found ? "unit files changed on disk" : "unit not loaded", "reloaded"));
        }
        else if (!actual.Found)
        {
            throw new ModuleException(actual.Manager == ServiceManager.Systemd
                ? $"service {args.Name}: no such unit on this host (systemd reports LoadState=not-found). Install the package that provides it first, check the name with `systemctl list-unit-files`, or add daemon_reload: yes for a unit file written just now."
                : $"service {args.Name}: no such service on this host (no /etc/init.d/{actual.Name}). Install the package that provides it first, or check the name.");
        }
        else if (actual.LoadState is not ("loaded" or "masked"))
        {
            throw new ModuleException(
                $"service {args.Name}: systemd could not load the unit (LoadState={actual.LoadState}); `systemctl status {args.Name}` shows why. Fix the unit file, then use daemon_reload: yes.");
        }

        var wantsRunning = args.State is "started" or "restarted" or "reloaded";
        if (args.Masked is { } masked && masked != actual.Masked)
        {
            diff.Add(new DiffEntry("masked", Text(actual.Masked), Text(masked)));
        }
        else if (args.Masked is null && actual.Masked && (wantsRunning || args.Enabled == true))
        {
            throw new ModuleException($"service {args.Name} is masked, so it cannot be {(wantsRunning ? args.State : "enabled")}; add masked: no to unmask it.");
        }

        if (args.Enabled is { } wanted)
        {
            AddEnabled(diff, args.Name, wanted, actual);
        }

        var state = args.State switch
        {
            "started" when !actual.Running => "active",
            "stopped" when actual.Running => "inactive",
            "restarted" or "reloaded" => args.State,
            _ => null,
        };
        if (state is not null)
        {
            diff.Add(new DiffEntry("state", actual.ActiveState, state));
        }

        return diff;
    }

    private static void AddEnabled(List<DiffEntry> diff, string name, bool wanted, ServiceState actual)
    {
        if (actual.EnablementFixed)
        {
            if (!wanted)
            {
                throw new ModuleException(
                    $"service {name} is {actual.UnitFileState}: it has no [Install] section, so it cannot be disabled (something else starts it); use masked: yes to keep it from starting.");
            }

            return;
        }

        // A unit not loaded yet (daemon_reload pending) or masked is not enabled; after unmasking, its real state shows.
        var enabled = !actual.Found || actual.Masked ? false : actual.Enabled;
        if (enabled is null)
        {
            throw new ModuleException($"service {name}: cannot tell whether it is enabled (UnitFileState={actual.UnitFileState}); `systemctl is-enabled {name}` says more.");
        }

        if (enabled != wanted)
        {
            diff.Add(new DiffEntry("enabled", Text(enabled.Value), Text(wanted)));
        }
    }

    private static string Text(bool value) => value ? "true" : "false";
}
