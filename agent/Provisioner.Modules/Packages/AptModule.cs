// apt: Debian packages, installed or removed with one apt-get call per task.
using System.Globalization;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Packages;

internal sealed class AptModule(IFileSystem fs, IProcessRunner processes, TimeProvider time) : IModule<AptArgs, AptState>
{
    /// <summary>Touched after every successful refresh; the lists directory's time is not enough (an unchanged index leaves it alone).</summary>
    private const string RefreshStamp = "/var/lib/apt/periodic/update-success-stamp";
    private const string ListsDirectory = "/var/lib/apt/lists";
    private const string IndexProperty = "package index";
    private const string AutoremoveProperty = "autoremove";

    public static ModuleSchema Schema { get; } = new(
        "apt",
        "Install, upgrade or remove Debian packages with apt-get; refresh the package index.",
        [
            new ArgSpec("name", ArgType.List, "Package name(s), optionally `name=version`. All of a task's packages go to one apt-get call.") { Aliases = ["pkg", "package"], Elements = ArgType.String },
            new ArgSpec("state", ArgType.String, "`present`: installed (any version); `latest`: the newest available; `absent`: removed.") { Default = "present", Choices = ["present", "absent", "latest"] },
            new ArgSpec("update_cache", ArgType.Bool, "Run `apt-get update` first (subject to `cache_valid_time`).") { Default = false, Aliases = ["update-cache"] },
            new ArgSpec("cache_valid_time", ArgType.Int, "Skip the update when the package index is younger than this many seconds.") { Default = 0L },
            new ArgSpec("update_cache_timeout", ArgType.Int, "Seconds one `apt-get update` may take; a slower one (a stalled proxy or mirror) is killed and tried again.") { Default = 300L },
            new ArgSpec("update_cache_retries", ArgType.Int, "How many more times a failed or killed `apt-get update` is tried, after 1, 2, 4 … (at most 12) seconds.") { Default = 5L },
            new ArgSpec("lock_timeout", ArgType.Int, "Seconds to wait for the dpkg lock held by another apt/dpkg process before failing.") { Default = 600L },
            new ArgSpec("purge", ArgType.Bool, "With state=absent, also remove configuration files.") { Default = false },
            new ArgSpec("autoremove", ArgType.Bool, "Remove packages that were installed as dependencies and are no longer needed.") { Default = false },
            new ArgSpec("install_recommends", ArgType.Bool, "Install recommended packages too (apt's default when not given).") { Aliases = ["install-recommends"] },
        ])
    {
        Aliases = ["package"],
        Description = "Runs apt-get with DEBIAN_FRONTEND=noninteractive and keeps existing configuration files on upgrades; " +
            "all of a task's packages go to one apt-get call, which waits up to lock_timeout for the dpkg lock. The " +
            "installed state is read with dpkg-query, candidates for state=latest with apt-cache policy. " +
            "update_cache without cache_valid_time refreshes the index (and reports a change) every time; give " +
            "cache_valid_time so that a second run reports no change. An `apt-get update` that fails, or hangs for " +
            "update_cache_timeout, is tried again update_cache_retries times before the task fails.",
        RequiredOneOf = [["name", "update_cache", "autoremove"]],
        Examples =
        [
            new ModuleExample("Install packages, refreshing the index at most once an hour", """
                - apt:
                    name: [nginx, postgresql-15, pgpool2]
                    update_cache: yes
                    cache_valid_time: 3600
                """),
            new ModuleExample("Keep a package at the newest version", """
                - package:
                    name: openssl
                    state: latest
                """),
            new ModuleExample("Remove a package and its configuration", """
                - apt:
                    name: apache2
                    state: absent
                    purge: yes
                """),
        ],
        Returns =
        [
            new ReturnSpec("packages", "dict", "Each of the task's packages with its installed version after the task (null when not installed)."),
            new ReturnSpec("cache_update_time", "string", "When the package index was last refreshed, ISO 8601 (absent when unknown)."),
        ],
    };

    ModuleSchema IModule<AptArgs, AptState>.Schema => Schema;

    public AptArgs Bind(ModuleArgs args) => new(
        args.StringList("name").Select(PackageSpec.Parse).ToList(),
        args.String("state")!,
        args.Bool("update_cache"),
        time.GetUtcNow() - TimeSpan.FromSeconds(args.Int("cache_valid_time") ?? 0),
        TimeSpan.FromSeconds(args.Int("lock_timeout") ?? 600),
        args.Bool("purge"),
        args.Bool("autoremove"),
        args.OptionalBool("install_recommends"),
        TimeSpan.FromSeconds(args.Int("update_cache_timeout") ?? 300),
        (int)Math.Clamp(args.Int("update_cache_retries") ?? 5, int.MinValue, int.MaxValue));

    public IReadOnlyList<ArgError> Validate(AptArgs args)
    {
        var errors = args.Packages
            .Where(p => p.Name.Length == 0 || !p.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '+' or '-' or ':'))
            .Select(p => new ArgError("name", $"'{p}' is not a Debian package name"))
            .ToList();
        if (args.UpdateTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add(new ArgError("update_cache_timeout", "must be at least 1 (seconds)"));
        }

        if (args.UpdateRetries < 0)
        {
            errors.Add(new ArgError("update_cache_retries", "must be 0 or more"));
        }

        if (args.State != "present" && args.Packages.Any(p => p.Version is not null))
        {
            errors.Add(new ArgError("name", "a version (name=version) only makes sense with state=present"));
        }

        return errors;
    }

    public async Task<AptState> GetAsync(AptArgs args, CancellationToken ct)
    {
        var names = args.Packages.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var installed = names.Count == 0
            ? new Dictionary<string, InstalledPackage>()
            : AptOutput.ParseDpkgQuery((await RunAsync(["dpkg-query", "-W", "-f=" + AptOutput.DpkgQueryFormat, .. names], ct, allowFailure: true).ConfigureAwait(false)).Stdout);
        var candidates = args.State == "latest" && names.Count > 0
            ? AptOutput.ParseCandidates((await RunAsync(["apt-cache", "policy", .. names], ct).ConfigureAwait(false)).Stdout)
            : new Dictionary<string, string>();
        var removable = args.Autoremove
            ? AptOutput.ParseSimulatedRemovals((await RunAsync(["apt-get", "-s", "autoremove", .. args.Purge ? ["--purge"] : Array.Empty<string>()], ct).ConfigureAwait(false)).Stdout)
            : [];
        var refreshed = AptIndex.LastRefresh(fs, RefreshStamp, ListsDirectory);
        return new AptState(installed, candidates, refreshed, removable);
    }

    public IReadOnlyList<DiffEntry> Compare(AptArgs args, AptState actual)
    {
        var diff = new List<DiffEntry>();
        if (args.UpdateCache && (actual.IndexRefreshed is not { } refreshed || refreshed < args.IndexNotBefore))
        {
            var before = actual.IndexRefreshed is { } at ? "refreshed " + at.ToString("u", CultureInfo.InvariantCulture) : "never refreshed";
            diff.Add(new DiffEntry(IndexProperty, before, "refreshed"));
        }

        foreach (var package in args.Packages.DistinctBy(p => p.Name))
        {
            var found = actual.Installed.GetValueOrDefault(package.Name);
            var installed = found is { ConfigFilesOnly: false } ? found.Version : null;
            var wanted = args.State switch
            {
                "absent" when found is { ConfigFilesOnly: true } && args.Purge => "purged",
                "absent" => installed is null ? null : "absent",
                "latest" => actual.Candidates.GetValueOrDefault(package.Name) is { } candidate ? (candidate == installed ? null : candidate)
                    : installed is null ? "latest" : null,
                _ => package.Version is { } version ? (version == installed ? null : version) : installed is null ? "present" : null,
            };
            if (wanted is not null)
            {
                diff.Add(new DiffEntry(package.Name, installed ?? (found is null ? "absent" : "config-files"), wanted));
            }
        }

        if (actual.AutoRemovable.Count > 0)
        {
            diff.Add(new DiffEntry(AutoremoveProperty, string.Join(", ", actual.AutoRemovable), "removed"));
        }

        return diff;
    }

    public async Task ApplyAsync(AptArgs args, AptState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        var lockWait = "DPkg::Lock::Timeout=" + ((long)args.LockTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        if (diff.Any(d => d.Property == IndexProperty))
        {
            await UpdateIndexAsync(args, lockWait, ct).ConfigureAwait(false);
            if (fs.Stat(Path.GetDirectoryName(RefreshStamp)!) is null)
            {
                fs.CreateDirectory(Path.GetDirectoryName(RefreshStamp)!, 0b111_101_101);
            }

            await fs.WriteAtomicAsync(RefreshStamp, ReadOnlyMemory<byte>.Empty, new FileWriteOptions(), ct).ConfigureAwait(false);
        }

        var packages = diff.Where(d => d.Property is not IndexProperty and not AutoremoveProperty).Select(d => d.Property).ToHashSet(StringComparer.Ordinal);
        if (packages.Count > 0)
        {
            var verb = args.State == "absent" ? (args.Purge ? "purge" : "remove") : "install";
            var recommends = args.InstallRecommends switch { true => ["--install-recommends"], false => ["--no-install-recommends"], null => Array.Empty<string>() };
            var targets = args.Packages.Where(p => packages.Contains(p.Name)).Select(p => p.ToString());
            await RunAsync(
                ["apt-get", verb, "-y", "-q", "-o", lockWait, "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold", .. recommends, .. targets],
                ct).ConfigureAwait(false);
        }

        if (diff.Any(d => d.Property == AutoremoveProperty))
        {
            await RunAsync(["apt-get", "autoremove", "-y", "-q", "-o", lockWait, .. args.Purge ? ["--purge"] : Array.Empty<string>()], ct).ConfigureAwait(false);
        }
    }

    public IReadOnlyDictionary<string, object?> Returns(AptArgs args, AptState state)
    {
        var packages = PlainData.NewMap();
        foreach (var package in args.Packages)
        {
            packages[package.Name] = state.Installed.GetValueOrDefault(package.Name) is { ConfigFilesOnly: false } found ? found.Version : null;
        }

        var result = PlainData.NewMap();
        result["packages"] = packages;
        if (state.IndexRefreshed is { } refreshed)
        {
            result["cache_update_time"] = refreshed.ToString("O", CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>
    /// <c>apt-get update</c>, tried again when it fails or hangs: a proxy or mirror that stalls mid-transfer can leave
    /// apt-get and its download methods waiting on each other for ever, and its own network timeouts do not fire then.
    /// </summary>
    private async Task UpdateIndexAsync(AptArgs args, string lockWait, CancellationToken ct)
    {
        string[] argv = ["apt-get", "update", "-q", "-o", lockWait];
        for (var attempt = 0; ; attempt++)
        {
            var result = await RunAsync(argv, ct, allowFailure: true, args.UpdateTimeout).ConfigureAwait(false);
            if (result.ExitCode == 0 && !result.TimedOut)
            {
                return;
            }

            var why = result.TimedOut
                ? $"was killed after {args.UpdateTimeout.TotalSeconds:0} s (update_cache_timeout)"
                : $"failed ({result.ExitCode}): {Failure(result)}";
            if (attempt >= args.UpdateRetries)
            {
                var tries = attempt == 0 ? "" : $" (tried {attempt + 1} times)";
                throw new ModuleException($"{CommandLine.Join(argv)} {why}{tries}");
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Min(12, 1 << Math.Min(attempt, 4))), time, ct).ConfigureAwait(false);
        }
    }

    private static string Failure(ProcessResult result)
    {
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("E:", StringComparison.Ordinal)).ToList();
        return errors.Count > 0 ? string.Join(" ", errors) : result.Stderr.Trim();
    }

    private async Task<ProcessResult> RunAsync(IReadOnlyList<string> argv, CancellationToken ct, bool allowFailure = false, TimeSpan? timeout = null)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DEBIAN_FRONTEND"] = "noninteractive",
            ["APT_LISTCHANGES_FRONTEND"] = "none",
            ["LC_ALL"] = "C",
        };
        var result = await processes.RunAsync(new ProcessRequest(argv) { Environment = environment, Timeout = timeout }, ct).ConfigureAwait(false);
        if (result.ExitCode != 0 && !allowFailure)
        {
            throw new ModuleException($"{CommandLine.Join(argv)} failed ({result.ExitCode}): {Failure(result)}");
        }

        return result;
    }
}
