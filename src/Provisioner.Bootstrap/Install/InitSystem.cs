namespace Provisioner.Bootstrap.Install;

/// <summary>How the agent runs as a service on a host.</summary>
public enum InitSystem
{
    /// <summary>A systemd unit, enabled and started with systemctl.</summary>
    Systemd,

    /// <summary>An /etc/init.d script (enabled with update-rc.d when the host has it).</summary>
    SysVInit,
}
