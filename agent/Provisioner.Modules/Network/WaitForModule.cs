// wait_for: waits until a TCP port or a file is (or is no longer) there.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Network;

internal sealed class WaitForModule
{
    public static ModuleSchema Schema { get; } = new(
        "wait_for",
        "Wait until a TCP port accepts connections or a file exists (or until they are gone); fail after a timeout.",
        [
            new ArgSpec("host", ArgType.String, "Host to connect to for `port`.") { Default = "127.0.0.1" },
            new ArgSpec("port", ArgType.Int, "TCP port to wait for."),
            new ArgSpec("path", ArgType.Path, "File to wait for."),
            new ArgSpec("state", ArgType.String, "`started`/`present`: wait until the port accepts connections or the file exists; `stopped`/`absent`: until it no longer does.") { Default = "started", Choices = ["started", "stopped", "present", "absent"] },
            new ArgSpec("search_regex", ArgType.String, "With `path` and state started/present: also wait until the file's content matches this regular expression."),
            new ArgSpec("timeout", ArgType.Int, "Seconds to wait before failing.") { Default = 300L },
            new ArgSpec("delay", ArgType.Int, "Seconds to wait before the first check.") { Default = 0L },
            new ArgSpec("sleep", ArgType.Int, "Seconds between checks.") { Default = 1L },
            new ArgSpec("connect_timeout", ArgType.Int, "Seconds one connection attempt may take.") { Default = 5L },
            new ArgSpec("msg", ArgType.String, "Message of the failure on timeout, instead of the default."),
        ])
    {
        Description = "With neither `port` nor `path`, it just waits `timeout` seconds. Changes nothing; runs in check mode too.",
        MutuallyExclusive = [["port", "path"]],
        Examples =
        [
            new ModuleExample("Wait for PostgreSQL after a restart", """
                - wait_for:
                    port: 5432
                    timeout: 60
                """),
            new ModuleExample("Wait for a lock file to disappear", """
                - wait_for:
                    path: /var/lib/shop/migrate.lock
                    state: absent
                """),
        ],
        Returns =
        [
            new ReturnSpec("elapsed", "int", "Seconds waited."),
            new ReturnSpec("match_groups", "list", "With search_regex: the groups of the match."),
        ],
    };
}
