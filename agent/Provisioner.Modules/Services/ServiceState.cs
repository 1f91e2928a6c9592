namespace Provisioner.Modules.Services;

/// <summary>
/// A service as its init system reports it. <see cref="ActiveState"/> and <see cref="UnitFileState"/> use systemd's
/// words (active, inactive, failed; enabled, disabled, static, masked...); under sysvinit they are mapped to them.
/// <see cref="LoadState"/> is systemd's (loaded, not-found, masked, bad-setting, error); sysvinit reports loaded or not-found.
/// </summary>
internal sealed record ServiceState(
    ServiceManager Manager,
    string Name,
    string LoadState,
    string ActiveState,
    string UnitFileState,
    bool NeedDaemonReload)
{
    public bool Found => LoadState != "not-found";

    public bool Running => ActiveState is "active" or "activating" or "reloading";

    public bool Masked => LoadState == "masked" || UnitFileState is "masked" or "masked-runtime";

    /// <summary>Whether the unit starts at boot, as <c>systemctl is-enabled</c> sees it; null when systemd cannot say.</summary>
    public bool? Enabled => UnitFileState switch
    {
        "enabled" or "enabled-runtime" or "static" or "transient" or "generated" => true,
        "disabled" or "indirect" or "linked" or "linked-runtime" or "alias" or "masked" or "masked-runtime" => false,
        _ => null,
    };

    /// <summary>Units without an [Install] section: they run when something else pulls them in, and cannot be enabled or disabled.</summary>
    public bool EnablementFixed => UnitFileState is "static" or "transient";

    /// <summary>A bare daemon-reload has no unit to look at.</summary>
    public static ServiceState NoUnit(ServiceManager manager) => new(manager, string.Empty, "loaded", "inactive", string.Empty, false);
}
