namespace Provisioner.Bootstrap.Install;

/// <summary>What a host runs: OS (from /etc/os-release), CPU architecture (uname -m) and init system.</summary>
public sealed record HostPlatform(string OsId, string OsVersion, string OsName, string Machine, string RuntimeId, InitSystem Init)
{
    public override string ToString() => $"{OsName} ({Machine}, {(Init == InitSystem.Systemd ? "systemd" : "sysvinit")})";
}
