using System.Diagnostics;
using System.Text.Json;
using Provisioner.Lab.State;

namespace Provisioner.Lab.Tests.EndToEnd;

/// <summary>
/// The one lab of a test run: the reference site's ten Debian 12 hosts (inventory/site.yml as the layout: lb1 lb2 app1 app2
/// db1-3 cache1-3) brought up by the built prov CLI on the first request of any Lab fixture, shared by all of them,
/// and taken down (with the check that nothing is left) by <see cref="LabTierSetUp"/> when the run ends. Two labs, or
/// two dockerd lifecycles, in one run would fight over the daemon and the subnet. A fixture that changes hosts claims
/// them first (<see cref="ClaimBareAsync"/>): a host another fixture changed is reset to bare before it is handed
/// over, so fixtures do not depend on the order they run in. Also publishes prov-agent (Native AOT) once per run, in
/// parallel with bringing the lab up.
/// </summary>
internal sealed class SharedLab
{
    // Not the default subnet, so a developer's own lab can stay up while the tests run.
    public const string Subnet = "10.213.79.0/24";
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(7);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly Lock Gate = new();
    private static readonly CancellationTokenSource Stopping = new();
    private static Task<SharedLab>? _up;
    private static Task<string>? _agent;
    private static bool _docker0Before;

    // Which fixture last changed each host.
    private static readonly Dictionary<string, string> Claims = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim ClaimGate = new(1, 1);

    private SharedLab(LabState state) => State = state;

    /// <summary>Stable, so the base image tarball is built once and reused by later runs.</summary>
    public static string StateDirectory { get; } = Path.Combine(Layout.LayoutParserTests.RepositoryRoot(), ".prov", "lab-test");

    /// <summary>The lab as <c>up</c> left it (a reset host has a new container id since: see <see cref="LoadState"/>).</summary>
    public LabState State { get; }

    /// <summary>The reference site's lab layout, which the shared lab is brought up with.</summary>
    public static string LayoutPath => Path.Combine(Layout.LayoutParserTests.RepositoryRoot(), "inventory", "site.yml");

    /// <summary>The hosts' names in the order of the layout (and of their addresses, from .11).</summary>
    public static IReadOnlyList<string> HostNames { get; } = ["lb1", "lb2", "app1", "app2", "db1", "db2", "db3", "cache1", "cache2", "cache3"];

    /// <summary>
    /// Hands <paramref name="hosts"/> to <paramref name="fixture"/>, which is going to change them: each host that another
    /// fixture changed before is reset to bare first (<c>prov lab reset</c>, a few seconds each).
    /// </summary>
    public static async Task ClaimBareAsync(string fixture, params IEnumerable<string> hosts)
    {
        await ClaimGate.WaitAsync();
        try
        {
            foreach (var host in hosts)
            {
                if (Claims.TryGetValue(host, out var previous) && previous != fixture)
                {
                    var (exitCode, output) = await Prov(["lab", "reset", host, "--state-dir", StateDirectory], TimeSpan.FromMinutes(2));
                    Assert.That(exitCode, Is.Zero, $"resetting {host} (changed by {previous}) for {fixture}:\n{output}");
                }

                Claims[host] = fixture;
            }
        }
        finally
        {
            ClaimGate.Release();
        }
    }

    public static string KnownHostsPath => Path.Combine(StateDirectory, "known_hosts");

    public static string KeyPath => Path.Combine(StateDirectory, "id_ed25519");

    /// <summary>The lab, brought up by the first caller. Ignores the calling fixture under PROV_LAB_TESTS=skip; fails it without root.</summary>
    public static Task<SharedLab> GetAsync()
    {
        if (Environment.GetEnvironmentVariable("PROV_LAB_TESTS") == "skip")
        {
            Assert.Ignore("PROV_LAB_TESTS=skip");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail("the Lab tests need root (they start containers and change iptables); run 'dotnet test' as root, or set PROV_LAB_TESTS=skip");
        }

        lock (Gate)
        {
            _agent ??= Task.Run(() => PublishAgentAsync(Stopping.Token));
            return _up ??= Task.Run(UpAsync);
        }
    }

    /// <summary>The published prov-agent binary on this machine.</summary>
    public static Task<string> AgentAsync()
    {
        lock (Gate)
        {
            return _agent ?? throw new InvalidOperationException("ask for the lab first (SharedLab.GetAsync)");
        }
    }

    public static LabState LoadState() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(StateDirectory, "lab.json")), LabStateJsonContext.Default.LabState)!;

    public static Task<(int ExitCode, string Output)> Ssh(string address, string command, TimeSpan? timeout = null) =>
        Tool.RunAsync("ssh", [.. SshOptions, "root@" + address, command], timeout ?? TimeSpan.FromSeconds(60));

    public static Task<(int ExitCode, string Output)> Scp(string localPath, string address, string remotePath) =>
        Tool.RunAsync("scp", [.. SshOptions, "-q", localPath, $"root@{address}:{remotePath}"], TimeSpan.FromMinutes(2));

    public static Task<(int ExitCode, string Output)> Prov(IReadOnlyList<string> arguments, TimeSpan timeout) =>
        Tool.RunAsync(Path.Combine(AppContext.BaseDirectory, "prov"), arguments, timeout);

    /// <summary>At the end of the run: stop a publish still running, take the lab down and check that nothing of it is left.</summary>
    public static async Task EndAsync()
    {
        Task<SharedLab>? up;
        lock (Gate)
        {
            up = _up;
        }

        await Stopping.CancelAsync();
        if (up is null)
        {
            return;
        }

        SharedLab? lab = null;
        try
        {
            lab = await up;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A failed or half-made up is cleaned up all the same.
        }

        if (lab is null)
        {
            await Prov(["lab", "down", "--state-dir", StateDirectory], TimeSpan.FromMinutes(2));
            return;
        }

        await DownAndCheckNothingIsLeftAsync();
    }

    private static async Task<SharedLab> UpAsync()
    {
        _docker0Before = Directory.Exists("/sys/class/net/docker0");
        await Prov(["lab", "down", "--state-dir", StateDirectory], TimeSpan.FromMinutes(2));

        var (exitCode, output) = await Prov(["lab", "up", "--layout", LayoutPath, "--subnet", Subnet, "--state-dir", StateDirectory], UpTimeout);
        TestContext.Progress.WriteLine(output);
        Assert.That(exitCode, Is.Zero, output);
        var lab = new SharedLab(LoadState());
        Assert.That(lab.State.Hosts.Select(h => h.Name), Is.EqualTo(HostNames));
        Assert.That(lab.State.Hosts.Select(h => h.Address), Is.EqualTo(Enumerable.Range(11, HostNames.Count).Select(i => $"10.213.79.{i}")));
        return lab;
    }

    /// <summary>Native AOT, as hosts run it; artifacts under .prov so that later runs build incrementally.</summary>
    private static async Task<string> PublishAgentAsync(CancellationToken ct)
    {
        var root = Layout.LayoutParserTests.RepositoryRoot();
        // Not below the lab's state directory (nor a name starting like it): the final check looks for its processes.
        var output = Path.Combine(root, ".prov", "agent-for-lab-tests", "publish");
        var started = Stopwatch.StartNew();
        var (exitCode, log) = await Tool.RunAsync(
            "dotnet",
            [
                "publish", Path.Combine(root, "agent", "Provisioner.Agent"), "-c", "Release", "-r", "linux-x64", "-o", output,
                "--artifacts-path", Path.Combine(root, ".prov", "agent-for-lab-tests", "build"), "--disable-build-servers", "-nologo",
                // Without the commit in the version, a new commit that leaves the agent alone does not recompile it natively.
                "-p:IncludeSourceRevisionInInformationalVersion=false",
            ],
            PublishTimeout,
            ct: ct);
        if (exitCode != 0)
        {
            throw new AssertionException(
                $"publishing prov-agent failed (exit {exitCode}); Native AOT needs Debian's clang and zlib1g-dev (apt-get install clang zlib1g-dev):\n{Tail(log)}");
        }

        TestContext.Progress.WriteLine($"prov-agent published in {started.Elapsed.TotalSeconds:0} s");
        return Path.Combine(output, "prov-agent");
    }

    private static async Task DownAndCheckNothingIsLeftAsync()
    {
        var state = LoadState();
        var containerIds = state.Hosts.Select(h => h.ContainerId!).ToList();

        var (exitCode, output) = await Prov(["lab", "down", "--state-dir", StateDirectory], TimeSpan.FromMinutes(2));

        Assert.That(exitCode, Is.Zero, output);
        var (_, rules) = await Tool.RunAsync("iptables", ["-w", "10", "-S"], TimeSpan.FromSeconds(20));
        Assert.That(rules, Does.Not.Contain("prov.lab=" + state.LabId), "iptables rules left");
        Assert.That(Directory.Exists("/sys/class/net/" + state.BridgeName), Is.False, "bridge left");
        var mounts = await File.ReadAllTextAsync("/proc/self/mounts");
        Assert.That(containerIds.Where(id => mounts.Contains(id, StringComparison.Ordinal)), Is.Empty, "container mounts left");
        Assert.That(mounts, Does.Not.Contain(StateDirectory), "mounts under the state directory left");
        Assert.That(HostProcesses.Mentioning(StateDirectory), Is.Empty, "processes of the lab left (apt-cacher-ng, dockerd)");
        Assert.That(File.Exists(state.AptCacher!.SocketPath), Is.False, "apt-cacher-ng socket left");

        if (state.Dockerd is { } dockerd)
        {
            Assert.That(HostProcesses.IsAlive(dockerd.Pid), Is.False, "the dockerd the lab started still runs");
            Assert.That(Directory.Exists("/sys/class/net/docker0"), Is.EqualTo(_docker0Before), "docker0 bridge left");
            var dataRoot = "/var/lib/docker/containers";
            Assert.That(containerIds.Where(id => Directory.Exists(Path.Combine(dataRoot, id))), Is.Empty, "containers left on disk");
        }
        else
        {
            var (_, containers) = await Tool.RunAsync("docker", ["ps", "--all", "--quiet", "--filter", "label=prov.lab=" + state.LabId], TimeSpan.FromSeconds(30));
            Assert.That(containers.Trim(), Is.Empty, "containers left");
            var (_, networks) = await Tool.RunAsync("docker", ["network", "ls", "--quiet", "--filter", "label=prov.lab=" + state.LabId], TimeSpan.FromSeconds(30));
            Assert.That(networks.Trim(), Is.Empty, "network left");
        }

        Assert.That(File.Exists(Path.Combine(StateDirectory, "lab.json")), Is.False);
    }

    private static IEnumerable<string> SshOptions =>
    [
        "-i", KeyPath,
        "-o", "UserKnownHostsFile=" + KnownHostsPath,
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes",
        "-o", "IdentitiesOnly=yes",
        "-o", "ConnectTimeout=10",
    ];

    private static string Tail(string text) => text.Length > 4000 ? "…" + text[^4000..] : text;
}
