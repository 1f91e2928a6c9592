using Provisioner.Lab.Processes;
using Provisioner.Lab.State;
using Serilog;

namespace Provisioner.Lab.Docker;

/// <summary>
/// Uses the dockerd that answers, or starts one (and remembers that it did). A dockerd the lab starts leaves the
/// host's firewall and IP forwarding alone and makes no docker0 bridge: the lab brings its own network and rules.
/// </summary>
internal sealed class DockerDaemon(IProcessRunner runner, DockerCli docker, LabPaths paths, TimeProvider time, ILogger log)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(40);
    private const string Docker0 = "/sys/class/net/docker0";
    private const string RunDirectory = "/var/run/docker";

    private BackgroundDaemon Daemon(string executable) => new(runner, executable, paths.DockerdPidFile, "dockerd");

    /// <summary>
    /// Returns the record of a dockerd the lab started (now or earlier), or null when someone else's dockerd answers.
    /// <paramref name="save"/> is called as soon as a new dockerd has a PID, before waiting for it.
    /// </summary>
    public async Task<DockerdRecord?> EnsureAsync(DockerdRecord? previous, Func<DockerdRecord, Task> save, CancellationToken cancellationToken)
    {
        var executable = ToolLocator.Require("dockerd", "docker.io");
        var daemon = Daemon(executable);
        var ours = previous is not null && await daemon.IsRunningAsync(cancellationToken).ConfigureAwait(false);
        if (await docker.AnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            return ours ? previous : null;
        }

        if (ours)
        {
            log.Information("dockerd (pid {Pid}, started by the lab) does not answer yet; waiting", previous!.Pid);
            await WaitReadyAsync(previous, cancellationToken).ConfigureAwait(false);
            return previous;
        }

        var foreign = ForeignDockerdPid();
        if (foreign is not null)
        {
            throw new LabException($"a dockerd (pid {foreign}) is running but does not answer on the default socket; wait for it, or stop it, then run 'prov lab up' again");
        }

        Directory.CreateDirectory(paths.DockerdDirectory);
        var docker0Before = Directory.Exists(Docker0);
        var runDirectoryBefore = Directory.Exists(RunDirectory);
        log.Information("Starting dockerd (log: {Log})", paths.DockerdLog);
        var pid = await daemon.StartAsync(["--iptables=false", "--ip-forward=false", "--bridge=none"], paths.DockerdLog, cancellationToken).ConfigureAwait(false);
        var record = new DockerdRecord(pid, paths.DockerdPidFile, paths.DockerdLog, docker0Before) { RunDirectoryExistedBefore = runDirectoryBefore };
        await save(record).ConfigureAwait(false);
        await WaitReadyAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Stops the dockerd the lab started (never another) and deletes a docker0 bridge it left behind.</summary>
    public async Task StopAsync(DockerdRecord record, CancellationToken cancellationToken)
    {
        var executable = ToolLocator.Find("dockerd") ?? "/usr/sbin/dockerd";
        if (await Daemon(executable).StopAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false))
        {
            log.Information("Stopped dockerd (pid {Pid})", record.Pid);
        }

        if (!record.Docker0ExistedBefore && Directory.Exists(Docker0))
        {
            await runner.RunCheckedAsync(new ProcessSpec("ip", ["link", "delete", "docker0"], TimeSpan.FromSeconds(15), "deleting the docker0 bridge dockerd left behind"), cancellationToken).ConfigureAwait(false);
        }

        // dockerd leaves its runtime directory in /run; remove it when it was ours and nothing is mounted there.
        if (!record.RunDirectoryExistedBefore && Directory.Exists(RunDirectory) && Image.MountTable.Under(RunDirectory, Image.MountTable.Current()).Count == 0)
        {
            Directory.Delete(RunDirectory, recursive: true);
        }
    }

    private async Task WaitReadyAsync(DockerdRecord record, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < ReadyTimeout)
        {
            if (await docker.AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                log.Information("dockerd answers after {Seconds:0.0} s", time.GetElapsedTime(started).TotalSeconds);
                return;
            }

            if (!BackgroundDaemon.IsAlive(record.Pid))
            {
                throw new LabException($"dockerd (pid {record.Pid}) exited while starting; its log {record.LogFile} ends with:\n{LogFiles.Tail(record.LogFile)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(300), time, cancellationToken).ConfigureAwait(false);
        }

        throw new LabException($"dockerd (pid {record.Pid}) did not answer within {ReadyTimeout.TotalSeconds:0} s; see {record.LogFile}; 'prov lab down' stops it");
    }

    private static int? ForeignDockerdPid()
    {
        const string pidFile = "/var/run/docker.pid";
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid))
        {
            return null;
        }

        var comm = $"/proc/{pid}/comm";
        return File.Exists(comm) && File.ReadAllText(comm).Trim() == "dockerd" ? pid : null;
    }
}
