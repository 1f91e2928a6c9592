using Provisioner.Lab.Hosts;
using Provisioner.Lab.Processes;
using Provisioner.Lab.State;
using Serilog;

namespace Provisioner.Lab.AptCache;

/// <summary>Runs the lab's apt-cacher-ng on the gateway address so hosts on the internal network can install packages.</summary>
internal sealed class AptCacher(IProcessRunner runner, LabPaths paths, LabNames names, TimeProvider time, ILogger log)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private static BackgroundDaemon Daemon(IProcessRunner runner, LabPaths paths) =>
        new(runner, ToolLocator.Find("apt-cacher-ng") ?? "/usr/sbin/apt-cacher-ng", paths.AptCacherPidFile, "apt-cacher-ng");

    public async Task<AptCacherRecord> EnsureAsync(AptCacherRecord? previous, string gateway, Func<AptCacherRecord, Task> save, CancellationToken cancellationToken)
    {
        ToolLocator.Require("apt-cacher-ng", "apt-cacher-ng");
        var daemon = Daemon(runner, paths);
        if (await daemon.IsRunningAsync(cancellationToken).ConfigureAwait(false))
        {
            if (previous is not null && previous.Address == gateway && await Answers(gateway, cancellationToken).ConfigureAwait(false))
            {
                return previous;
            }

            log.Information("Restarting apt-cacher-ng (its address or socket is gone)");
            await daemon.StopAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        }

        if (await Answers(gateway, cancellationToken).ConfigureAwait(false))
        {
            throw new LabException($"something else already listens on {gateway}:{AptCacherConfig.Port}; find it with 'ss -ltnp' and stop it, or use another --subnet");
        }

        foreach (var directory in new[] { paths.AptCacherConfigDirectory, paths.AptCacherCache, paths.AptCacherLogs })
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(
            Path.Combine(paths.AptCacherConfigDirectory, "acng.conf"),
            AptCacherConfig.Render(paths.AptCacherCache, paths.AptCacherLogs, gateway, names.AptCacherSocket));
        var pid = await daemon.StartAsync(["-c", paths.AptCacherConfigDirectory], paths.AptCacherOutput, cancellationToken).ConfigureAwait(false);
        var record = new AptCacherRecord(pid, paths.AptCacherPidFile, paths.AptCacherConfigDirectory, gateway, AptCacherConfig.Port, names.AptCacherSocket);
        await save(record).ConfigureAwait(false);

        var started = time.GetTimestamp();
        while (time.GetElapsedTime(started) < ReadyTimeout)
        {
            if (await Answers(gateway, cancellationToken).ConfigureAwait(false))
            {
                log.Information("apt-cacher-ng (pid {Pid}) listens on {Address}:{Port}", pid, gateway, AptCacherConfig.Port);
                return record;
            }

            if (!BackgroundDaemon.IsAlive(pid))
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }

        throw new LabException(
            $"apt-cacher-ng (pid {pid}) does not listen on {gateway}:{AptCacherConfig.Port}; its error log says:\n"
            + LogFiles.Tail(Path.Combine(paths.AptCacherLogs, "apt-cacher.err"))
            + $"\n  and {paths.AptCacherOutput}:\n" + LogFiles.Tail(paths.AptCacherOutput));
    }

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        await Daemon(runner, paths).IsRunningAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stops the lab's apt-cacher-ng; returns false when none was running.</summary>
    public async Task<bool> StopAsync(CancellationToken cancellationToken)
    {
        var stopped = await Daemon(runner, paths).StopAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        if (stopped)
        {
            log.Information("Stopped apt-cacher-ng");
        }

        // apt-cacher-ng leaves its control socket behind.
        FileOps.DeleteIfPresent(names.AptCacherSocket);
        return stopped;
    }

    private static Task<bool> Answers(string gateway, CancellationToken cancellationToken) =>
        TcpProbe.IsOpenAsync(gateway, AptCacherConfig.Port, TimeSpan.FromSeconds(1), cancellationToken);
}
