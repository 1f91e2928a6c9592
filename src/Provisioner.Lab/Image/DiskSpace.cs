namespace Provisioner.Lab.Image;

/// <summary>Fails early and clearly when a filesystem is too full for the next step.</summary>
internal static class DiskSpace
{
    public static void Require(string directory, long bytes, string purpose)
    {
        var existing = directory;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing) ?? "/";
        }

        var free = new DriveInfo(existing).AvailableFreeSpace;
        if (free < bytes)
        {
            throw new LabException(
                $"not enough free disk space for {purpose}: {existing} has {free / 1048576.0:0} MiB free, {bytes / 1048576.0:0} MiB needed; free some space (or use another --state-dir) and retry");
        }
    }

    /// <summary>MemAvailable from /proc/meminfo in bytes (0 when unknown).</summary>
    public static long AvailableMemory()
    {
        const string meminfo = "/proc/meminfo";
        if (!File.Exists(meminfo))
        {
            return 0;
        }

        var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 2 } && long.TryParse(fields[1], out var kib) ? kib * 1024 : 0;
    }
}
