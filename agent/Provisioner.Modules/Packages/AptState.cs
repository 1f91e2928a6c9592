namespace Provisioner.Modules.Packages;

/// <summary>
/// What apt and dpkg report for a task's packages: installed ones, candidate versions (for state=latest), when the
/// package index was last refreshed (null: never), and what autoremove would remove (when asked for).
/// </summary>
internal sealed record AptState(
    IReadOnlyDictionary<string, InstalledPackage> Installed,
    IReadOnlyDictionary<string, string> Candidates,
    DateTimeOffset? IndexRefreshed,
    IReadOnlyList<string> AutoRemovable);
