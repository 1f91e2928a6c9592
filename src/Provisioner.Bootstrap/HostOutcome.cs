namespace Provisioner.Bootstrap;

/// <summary>How bootstrapping one host ended.</summary>
public enum HostOutcome
{
    /// <summary>Everything was already as wanted; nothing was touched.</summary>
    Ok,

    /// <summary>Something was installed, updated, (re)started or removed, and it all worked.</summary>
    Changed,

    /// <summary>A step failed; <see cref="HostReport.Error"/> says which and why.</summary>
    Failed,
}
