// Pgpool-II and PostgreSQL as the Debian units run them, for live-site tests: files owned by postgres, programs
// started as postgres, and health checks fast enough for a test.
using Provisioner.Core.Data;

namespace Provisioner.Site.Tests.Support;

internal static class LivePgpool
{
    public static readonly UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Extra variables that make Pgpool-II notice a dead or returning backend within seconds.</summary>
    public static OrderedDictionary<string, object?> FastChecks()
    {
        var fast = PlainData.NewMap();
        fast["pgpool_health_check_period"] = 1;
        fast["pgpool_health_check_timeout"] = 2;
        fast["pgpool_health_check_max_retries"] = 1;
        fast["pgpool_health_check_retry_delay"] = 1;
        fast["pgpool_sr_check_period"] = 1;
        return fast;
    }

    public static IReadOnlyList<string> AsPostgres(IReadOnlyList<string> argv) =>
        ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. argv];

    /// <summary>Gives <paramref name="path"/> to postgres with <paramref name="mode"/>.</summary>
    public static async Task OwnAsync(string path, UnixFileMode mode)
    {
        var chown = await Programs.RunAsync("chown", ["postgres:postgres", path]);
        Assert.That(chown.ExitCode, Is.Zero, chown.Describe());
        File.SetUnixFileMode(path, mode);
    }

    /// <summary>Role pgpool's files rendered for <paramref name="host"/>, and Pgpool-II started from them in its namespace.</summary>
    public static async Task<ServerProcess> StartAsync(LiveSite live, string host)
    {
        var pgpool = live.Host(host, "pgpool");
        var etc = pgpool.Text("pgpool_config_dir");
        var config = pgpool.RenderTo("pgpool", "pgpool.conf.sbn", Path.Combine(etc, "pgpool.conf"));
        var hba = pgpool.RenderTo("pgpool", "pool_hba.conf.sbn", Path.Combine(etc, "pool_hba.conf"));
        await OwnAsync(pgpool.RenderTo("pgpool", "pool_passwd.sbn", Path.Combine(etc, "pool_passwd")), OwnerOnly);
        await OwnAsync(pgpool.RenderTo("pgpool", "failover.pgpass.sbn", Path.Combine(etc, "failover.pgpass")), OwnerOnly);
        await OwnAsync(pgpool.RenderTo("pgpool", "failover.sh.sbn", Path.Combine(etc, "failover.sh")), OwnerOnly | UnixFileMode.UserExecute);
        return live.Network.Start(host, "pgpool", AsPostgres(["pgpool", "-n", "-f", config, "-a", hba]));
    }
}
