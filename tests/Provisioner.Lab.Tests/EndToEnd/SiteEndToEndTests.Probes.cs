using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>How <see cref="SiteEndToEndTests"/> asks the running site: through nginx, Pgpool-II, HAProxy, the Sentinels and PostgreSQL, and how it stops and boots hosts.</summary>
public sealed partial class SiteEndToEndTests
{
    private async Task<ShopAnswer> Visit(string lb)
    {
        var (answer, why) = await TryVisit(lb);
        Assert.That(answer, Is.Not.Null, $"GET http://{lb}/: {why}");
        return answer!;
    }

    /// <summary>One request through <paramref name="lb"/>: the shop's answer, or null and why not (no assertion, for polling).</summary>
    private async Task<(ShopAnswer? Answer, string Why)> TryVisit(string lb)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{_hosts[lb].Address}/"));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (null, $"{(int)response.StatusCode} {body}");
            }

            var json = JsonDocument.Parse(body).RootElement;
            return (new ShopAnswer(json.GetProperty("served_by").GetString()!, json.GetProperty("row").GetProperty("id").GetInt64(), json.GetProperty("counter").GetInt64()), body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Until two requests in a row through each of <paramref name="lbs"/> answer 200 (each reaches both app hosts in turn).</summary>
    private async Task WaitUntilServing(params string[] lbs) =>
        await Eventually(
            async () =>
            {
                foreach (var lb in lbs.Concat(lbs))
                {
                    if ((await TryVisit(lb)).Answer is null)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(90),
            $"the site answering 200 through {string.Join(" and ", lbs)}");

    /// <summary>
    /// Asks Pgpool-II on <paramref name="app"/> for the row in new sessions until one is load-balanced to a replica:
    /// (the replica's address, the row's served_by there).
    /// </summary>
    private async Task<(string Address, string ServedBy)> ReadRowThroughPgpoolFromAReplica(string app, long rowId)
    {
        var replicas = new[] { "db2", "db3" }.Select(h => _hosts[h].Address).ToHashSet();
        var query = $"SELECT inet_server_addr(), served_by FROM visits WHERE id = {rowId}";
        var command = $"for i in $(seq 1 20); do PGPASSWORD='{_secrets["app_db_password"]}' psql -h {_hosts[app].Address} -p {PgpoolPort} -U pretix -d pretix -AtX -c '{query}'; done";
        var (exitCode, output) = await SharedLab.Ssh(_hosts[app].Address, command, TimeSpan.FromMinutes(2));
        Assert.That(exitCode, Is.Zero, output);
        var fromReplica = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .FirstOrDefault(fields => fields.Length == 2 && replicas.Contains(fields[0]));
        Assert.That(fromReplica, Is.Not.Null, $"20 sessions through Pgpool-II on {app}, none load-balanced to a replica:\n{output}");
        return (fromReplica![0], fromReplica[1]);
    }

    /// <summary>A Redis command through HAProxy on <paramref name="app"/>, sent with redis-cli from a cache host.</summary>
    private async Task<string> RedisThroughHaproxy(string app, params string[] command)
    {
        var (exitCode, output) = await SharedLab.Ssh(
            _hosts["cache2"].Address,
            $"REDISCLI_AUTH='{_secrets["redis_password"]}' redis-cli -h {_hosts[app].Address} -p {HaproxyRedisPort} --raw {string.Join(' ', command)}");
        Assert.That(exitCode, Is.Zero, output);
        return output.Trim();
    }

    /// <summary>The master Sentinel on <paramref name="askedOn"/> names, as a host name (null when it names none of them).</summary>
    private async Task<string?> RedisMaster(string askedOn)
    {
        var address = _hosts[askedOn].Address;
        var (_, output) = await SharedLab.Ssh(address, $"redis-cli -h {address} -p {SentinelPort} --raw SENTINEL get-master-addr-by-name {SentinelMaster}");
        var named = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return _hosts.Values.FirstOrDefault(h => h.Address == named?.Trim())?.Name;
    }

    private async Task<string> RedisInfo(string host)
    {
        var address = _hosts[host].Address;
        var (_, output) = await SharedLab.Ssh(address, $"REDISCLI_AUTH='{_secrets["redis_password"]}' redis-cli -h {address} INFO replication", TimeSpan.FromSeconds(20));
        return output.Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>psql as postgres on a database host, unaligned, one line per row.</summary>
    private async Task<string> Psql(string host, string database, string query)
    {
        var (_, output) = await SharedLab.Ssh(_hosts[host].Address, $"cd / && runuser -u postgres -- psql -d {database} -AtX -c '{query}'");
        return output;
    }

    /// <summary>Pgpool-II's view of its backends on <paramref name="app"/>: address → status (up, down, waiting).</summary>
    private async Task<Dictionary<string, string>> PoolNodes(string app)
    {
        var (_, output) = await SharedLab.Ssh(
            _hosts[app].Address,
            $"PGPASSWORD='{_secrets["app_db_password"]}' psql -h {_hosts[app].Address} -p {PgpoolPort} -U pretix -d pretix -AtX -c 'SHOW pool_nodes'");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .Where(fields => fields.Length > 3)
            .ToDictionary(fields => fields[1], fields => fields[3]);
    }

    /// <summary>Stops the host's container at once, as a host that loses power (its processes are killed).</summary>
    private static async Task StopHost(string host)
    {
        var (exitCode, output) = await Tool.RunAsync("docker", ["kill", ContainerOf(host)], TimeSpan.FromMinutes(1));
        Assert.That(exitCode, Is.Zero, output);
    }

    /// <summary>Boots the host's container again and waits for its sshd.</summary>
    private async Task StartHost(string host)
    {
        var (exitCode, output) = await Tool.RunAsync("docker", ["start", ContainerOf(host)], TimeSpan.FromMinutes(1));
        Assert.That(exitCode, Is.Zero, output);
        await Eventually(async () => (await SharedLab.Ssh(_hosts[host].Address, "systemctl is-system-running --wait", TimeSpan.FromSeconds(60))).ExitCode is 0 or 1, TimeSpan.FromMinutes(2), $"{host} booted");
    }

    private static string ContainerOf(string host) => SharedLab.LoadState().Hosts.Single(h => h.Name == host).ContainerId!;

    /// <summary>Polls <paramref name="condition"/> (which must not assert) every 2 s until it holds; fails after <paramref name="limit"/>.</summary>
    private static async Task Eventually(Func<Task<bool>> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.Fail($"{what}: not within {limit.TotalSeconds:0} s");
    }

    private sealed record ShopAnswer(string ServedBy, long RowId, long Counter);
}
