using Provisioner.Lab.State;

namespace Provisioner.Lab.Hosts;

/// <summary>
/// The <c>docker create</c> arguments for a lab host: systemd as PID 1 without --privileged (which fails on machines
/// lacking CAP_SYS_RESOURCE in the bounding set), a fixed address and DNS alias, and the apt proxy name.
/// </summary>
internal static class HostContainer
{
    public static IReadOnlyList<string> CreateArguments(LabNames names, LabState state, LabHostRecord host, string image) =>
    [
        "create",
        "--name", host.Container,
        "--hostname", host.Name,
        "--network", state.NetworkName,
        "--ip", host.Address,
        "--network-alias", host.Name,
        "--add-host", $"{LabNames.AptProxyName}:{state.Gateway}",
        "--label", $"{LabNames.Label}={names.LabId}",
        "--label", $"{LabNames.HostLabel}={host.Name}",
        "--label", $"{LabNames.GroupLabel}={host.Group}",
        // docker import cannot set STOPSIGNAL; systemd shuts down cleanly on SIGRTMIN+3.
        "--stop-signal", "SIGRTMIN+3",
        "--stop-timeout", "10",
        "--cap-add", "ALL",
        "--cap-drop", "SYS_RESOURCE",
        "--security-opt", "seccomp=unconfined",
        "--security-opt", "apparmor=unconfined",
        "--security-opt", "systempaths=unconfined",
        "--volume", "/sys/fs/cgroup:/sys/fs/cgroup:rw",
        "--tmpfs", "/run",
        "--tmpfs", "/run/lock",
        // An anonymous volume so Docker inside a host gets a real (overlay-capable) filesystem; removed with rm -v.
        "--volume", "/var/lib/docker",
        image,
    ];
}
