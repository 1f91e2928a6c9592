namespace Provisioner.Modules.Packages;

/// <summary>
/// The apt module's arguments. <see cref="IndexNotBefore"/> is when the package index must have been refreshed at the
/// latest: now minus cache_valid_time, taken when the task is bound (so cache_valid_time 0 means "refresh in this task").
/// One <c>apt-get update</c> may take <see cref="UpdateTimeout"/>; a failed or killed one is tried <see cref="UpdateRetries"/>
/// more times.
/// </summary>
internal sealed record AptArgs(
    IReadOnlyList<PackageSpec> Packages,
    string State,
    bool UpdateCache,
    DateTimeOffset IndexNotBefore,
    TimeSpan LockTimeout,
    bool Purge,
    bool Autoremove,
    bool? InstallRecommends,
    TimeSpan UpdateTimeout,
    int UpdateRetries);
