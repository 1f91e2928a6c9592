using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>Asks a host what it runs (read-only commands) and refuses hosts the agent is not built for.</summary>
internal static class PlatformProbe
{
    public static async Task<HostPlatform> DetectAsync(IRemoteHost host, InstallLayout layout, CancellationToken ct)
    {
        var uname = await host.RunCheckedAsync(new RemoteCommand(["uname", "-sm"]) { Become = false }, ct).ConfigureAwait(false);
        var osRelease = await ReadOsReleaseAsync(host, ct).ConfigureAwait(false);
        var init = await DetectInitAsync(host, layout, ct).ConfigureAwait(false);
        return PlatformParser.Parse(host.Target.Name, uname.Stdout, osRelease, init);
    }

    private static async Task<string> ReadOsReleaseAsync(IRemoteHost host, CancellationToken ct)
    {
        foreach (var path in new[] { "/etc/os-release", "/usr/lib/os-release" })
        {
            var result = await host.RunAsync(new RemoteCommand(["cat", "--", path]) { Become = false }, ct).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return result.Stdout;
            }
        }

        throw new UnsupportedHostException($"{host.Target.Name}: the host has no /etc/os-release; cannot tell which OS it runs (prov-agent supports Debian and its derivatives)");
    }

    public static async Task<InitSystem> DetectInitAsync(IRemoteHost host, InstallLayout layout, CancellationToken ct)
    {
        // A prefixed install is never registered with the host's init: its script is run directly.
        if (layout.IsPrefixed)
        {
            return InitSystem.SysVInit;
        }

        if ((await host.RunAsync(new RemoteCommand(["test", "-d", "/run/systemd/system"]) { Become = false }, ct).ConfigureAwait(false)).Succeeded)
        {
            return InitSystem.Systemd;
        }

        if ((await host.RunAsync(new RemoteCommand(["test", "-d", "/etc/init.d"]) { Become = false }, ct).ConfigureAwait(false)).Succeeded)
        {
            return InitSystem.SysVInit;
        }

        throw new UnsupportedHostException($"{host.Target.Name}: the host runs neither systemd (/run/systemd/system) nor sysvinit (/etc/init.d); cannot install the agent as a service");
    }
}
