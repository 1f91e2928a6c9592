// apt: Debian packages, installed or removed with one apt-get call per task.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Packages;

internal sealed class AptModule
{
    public static ModuleSchema Schema { get; } = new(
        "apt",
        "Install, upgrade or remove Debian packages with apt-get; refresh the package index.",
        [
            new ArgSpec("name", ArgType.List, "Package name(s), optionally `name=version`. All of a task's packages go to one apt-get call.") { Aliases = ["pkg", "package"], Elements = ArgType.String },
            new ArgSpec("state", ArgType.String, "`present`: installed (any version); `latest`: the newest available; `absent`: removed.") { Default = "present", Choices = ["present", "absent", "latest"] },
            new ArgSpec("update_cache", ArgType.Bool, "Run `apt-get update` first (subject to `cache_valid_time`).") { Default = false, Aliases = ["update-cache"] },
            new ArgSpec("cache_valid_time", ArgType.Int, "Skip the update when the package index is younger than this many seconds.") { Default = 0L },
            new ArgSpec("lock_timeout", ArgType.Int, "Seconds to wait for the dpkg lock held by another apt/dpkg process before failing.") { Default = 600L },
            new ArgSpec("purge", ArgType.Bool, "With state=absent, also remove configuration files.") { Default = false },
            new ArgSpec("autoremove", ArgType.Bool, "Remove packages that were installed as dependencies and are no longer needed.") { Default = false },
            new ArgSpec("install_recommends", ArgType.Bool, "Install recommended packages too (apt's default when not given).") { Aliases = ["install-recommends"] },
        ])
    {
        Aliases = ["package"],
        Description = "Runs apt-get with DEBIAN_FRONTEND=noninteractive and keeps existing configuration files on upgrades. " +
            "The installed state is read with dpkg-query.",
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
            new ReturnSpec("packages", "list", "The packages that were (or would be) installed, upgraded or removed."),
            new ReturnSpec("cache_updated", "bool", "Whether the package index was refreshed."),
            new ReturnSpec("stdout", "string", "Output of apt-get, when it ran."),
            new ReturnSpec("stderr", "string", "Error output of apt-get, when it ran."),
        ],
    };
}
