// The site's file and directory variables pointed into a scratch folder per host, so that servers started by the
// tests write nothing outside it. Only paths change; every address, port and tunable stays the site's.
using Provisioner.Core.Data;

namespace Provisioner.Site.Tests.Support;

internal static class ScratchPaths
{
    public static IReadOnlyDictionary<string, object?> For(string hostDirectory)
    {
        string P(string relative) => Path.Combine(hostDirectory, relative);
        var vars = PlainData.NewMap();
        vars["apt_proxy_file"] = P("apt/01prov-proxy");
        vars["docker_config_dir"] = P("docker");
        vars["nginx_log_dir"] = P("nginx/log");
        vars["nginx_pid_file"] = P("nginx/nginx.pid");
        vars["haproxy_config_file"] = P("haproxy/haproxy.cfg");
        vars["haproxy_chroot_dir"] = P("haproxy/chroot");
        vars["haproxy_admin_socket"] = P("haproxy/admin.sock");
        vars["redis_config_dir"] = P("redis/etc");
        vars["redis_data_dir"] = P("redis/data");
        vars["redis_log_file"] = P("redis/redis-server.log");
        vars["redis_pid_file"] = P("redis/redis-server.pid");
        vars["sentinel_config_file"] = P("sentinel/sentinel-prov.conf");
        vars["sentinel_data_dir"] = P("sentinel/data");
        vars["sentinel_log_file"] = P("sentinel/redis-sentinel.log");
        vars["sentinel_pid_file"] = P("sentinel/redis-sentinel.pid");
        vars["postgres_config_dir"] = P("postgresql/etc");
        vars["postgres_data_dir"] = P("postgresql/data");
        vars["postgres_socket_dir"] = P("postgresql/run");
        vars["postgres_pid_file"] = P("postgresql/run/postgresql.pid");
        vars["postgres_passfile"] = P("postgresql/pgpass-replication");
        vars["pgpool_config_dir"] = P("pgpool/etc");
        vars["pgpool_socket_dir"] = P("pgpool/run");
        vars["pgpool_pid_file"] = P("pgpool/run/pgpool.pid");
        vars["pgpool_status_dir"] = P("pgpool/log");
        vars["app_config_dir"] = P("pretix/etc");
        vars["app_data_dir"] = P("pretix/data");
        return vars;
    }

    /// <summary>Creates the directories those variables name (or contain), owned by <paramref name="owner"/> when given.</summary>
    public static async Task CreateAsync(IReadOnlyDictionary<string, object?> vars, string? owner = null)
    {
        foreach (var (name, value) in vars)
        {
            var path = (string)value!;
            var directory = name.EndsWith("_dir", StringComparison.Ordinal) ? path : Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(directory);
            if (owner is not null)
            {
                var chown = await Programs.RunAsync("chown", [owner, directory]);
                Assert.That(chown.ExitCode, Is.Zero, chown.Describe());
            }
        }
    }
}
