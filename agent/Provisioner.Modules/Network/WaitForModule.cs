// wait_for: waits until a TCP port or a file is (or is no longer) there.
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Network;

internal sealed class WaitForModule(IFileSystem fs, TimeProvider time) : IActionModule<WaitForArgs>
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

    ModuleSchema IActionModule<WaitForArgs>.Schema => Schema;

    public WaitForArgs Bind(ModuleArgs args) => new(
        args.RequiredString("host"),
        (int?)args.Int("port"),
        args.String("path"),
        args.String("state") is "started" or "present",
        args.String("search_regex") is { } pattern ? new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(2)) : null,
        Seconds(args.Int("timeout")),
        Seconds(args.Int("delay")),
        Seconds(args.Int("sleep")),
        Seconds(args.Int("connect_timeout")),
        args.String("msg"));

    public IReadOnlyList<ArgError> Validate(WaitForArgs args)
    {
        var errors = new List<ArgError>();
        if (args.Port is < 1 or > 65535)
        {
            errors.Add(new ArgError("port", "must be between 1 and 65535"));
        }

        if (args.SearchRegex is not null && (args.Path is null || !args.Present))
        {
            errors.Add(new ArgError("search_regex", "only applies with path and state started/present"));
        }

        foreach (var (name, value) in new[] { ("timeout", args.Timeout), ("delay", args.Delay), ("sleep", args.Sleep), ("connect_timeout", args.ConnectTimeout) })
        {
            if (value < TimeSpan.Zero)
            {
                errors.Add(new ArgError(name, "must be 0 or more seconds"));
            }
        }

        return errors;
    }

    /// <summary>Changes nothing, so it runs in check mode too.</summary>
    public async Task<ModuleOutcome> RunAsync(WaitForArgs args, bool check, CancellationToken ct)
    {
        await Task.Delay(args.Delay, time, ct).ConfigureAwait(false);
        var started = time.GetTimestamp();
        while (true)
        {
            var (done, groups) = args.Port is null && args.Path is null ? (false, null) : await CheckAsync(args, ct).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started);
            if (done || (args.Port is null && args.Path is null && elapsed >= args.Timeout))
            {
                var returns = PlainData.NewMap();
                returns["elapsed"] = (long)elapsed.TotalSeconds;
                if (groups is not null)
                {
                    returns["match_groups"] = groups;
                }

                return new ModuleOutcome { Returns = returns };
            }

            if (elapsed >= args.Timeout)
            {
                return ModuleOutcome.Fail(args.Message ?? $"timeout after {(long)args.Timeout.TotalSeconds} s waiting for {Describe(args)}");
            }

            var remaining = args.Timeout - elapsed;
            await Task.Delay(remaining < args.Sleep ? remaining : args.Sleep, time, ct).ConfigureAwait(false);
        }
    }

    private async Task<(bool Done, List<object?>? Groups)> CheckAsync(WaitForArgs args, CancellationToken ct)
    {
        if (args.Port is { } port)
        {
            return (await CanConnectAsync(args.Host, port, args.ConnectTimeout, ct).ConfigureAwait(false) == args.Present, null);
        }

        var exists = fs.Stat(args.Path!) is not null;
        if (!args.Present || !exists || args.SearchRegex is null)
        {
            return (exists == args.Present, null);
        }

        var match = args.SearchRegex.Match(Encoding.UTF8.GetString(await fs.ReadAsync(args.Path!, ct).ConfigureAwait(false)));
        return match.Success ? (true, match.Groups.Values.Skip(1).Select(g => (object?)g.Value).ToList()) : (false, null);
    }

    private async Task<bool> CanConnectAsync(string host, int port, TimeSpan connectTimeout, CancellationToken ct)
    {
        using var limit = new CancellationTokenSource(connectTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, limit.Token);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Describe(WaitForArgs args) => (args.Port, args.Present) switch
    {
        (not null, true) => $"{args.Host}:{args.Port} to accept connections",
        (not null, false) => $"{args.Host}:{args.Port} to stop accepting connections",
        (null, true) when args.SearchRegex is not null => $"{args.Path} to match /{args.SearchRegex}/",
        (null, true) => $"{args.Path} to exist",
        _ => $"{args.Path} to disappear",
    };

    private static TimeSpan Seconds(long? value) => TimeSpan.FromSeconds(value ?? 0);
}
