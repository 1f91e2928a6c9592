namespace Provisioner.Modules.Services;

/// <summary>Which init system runs the host's services.</summary>
internal enum ServiceManager
{
    Systemd,
    SysVInit,
}
