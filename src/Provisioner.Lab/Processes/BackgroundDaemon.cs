using Provisioner.Lab.Processes;
namespace Provisioner.Lab.Processes;

/// <summary>
/// A long-running program the lab starts detached (new session, output to a log file, PID in a pid file) with
/// Debian's start-stop-daemon, and stops only if the pid file still names that very executable.
/// </summary>
internal sealed class BackgroundDaemon(IProcessRunner runner, string executable, string pidFile, string name)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const string Tool = "start-stop-daemon";
    private const string Hint = "start-stop-daemon comes with dpkg; is this a Debian machine?";

    public string PidFile => pidFile;

    public async Task<int> StartAsync(IReadOnlyList<string> arguments, string outputLog, CancellationToken cancellationToken)
    {
        FileOps.DeleteIfPresent(pidFile);
        await runner.RunCheckedAsync(
            new ProcessSpec(
                Tool,
                ["--start", "--background", "--make-pidfile", "--pidfile", pidFile, "--output", outputLog, "--exec", executable, "--", .. arguments],
                Timeout,
                $"starting {name}") { Hint = Hint },
            cancellationToken).ConfigureAwait(false);
        return ReadPid() ?? throw new LabException($"starting {name}: start-stop-daemon wrote no pid file at {pidFile}; see {outputLog}");
    }

    public int? ReadPid() =>
        File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;

    /// <summary>
    /// Whether the process exists and is not a zombie. Right after start this is the test to use: until the child has
    /// called exec, its executable is still start-stop-daemon and <see cref="IsRunningAsync"/> says no.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            var text = File.ReadAllText(stat);
            var afterName = text.LastIndexOf(')');
            return afterName < 0 || afterName + 2 >= text.Length || text[afterName + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Whether the pid file names a live process of this daemon's executable.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var result = await runner.RunAsync(
            new ProcessSpec(Tool, ["--status", "--pidfile", pidFile, "--exec", executable], Timeout, $"checking {name}") { Hint = Hint },
            cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0;
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL. Returns false when nothing was running.</summary>
    public async Task<bool> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (!File.Exists(pidFile))
        {
            return false;
        }

        var spec = new ProcessSpec(
            Tool,
            ["--stop", "--pidfile", pidFile, "--exec", executable, "--retry", $"TERM/{(int)grace.TotalSeconds}/KILL/5", "--remove-pidfile"],
            grace + Timeout,
            $"stopping {name}") { Hint = $"stop it by hand: kill $(cat {pidFile})" };
        var result = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        switch (result.ExitCode)
        {
            case 0:
                return true;
            case 1:
                // Not running any more (or the PID was reused by another program, which we leave alone).
                FileOps.DeleteIfPresent(pidFile);
                return false;
            default:
                throw ProcessRunnerExtensions.Failure(spec, result);
        }
    }
}
