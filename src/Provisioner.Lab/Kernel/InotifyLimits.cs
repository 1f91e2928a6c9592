using System.Globalization;

namespace Provisioner.Lab.Kernel;

/// <summary>
/// systemd in every lab host holds several inotify instances, and the kernel's per-user limit
/// (<c>fs.inotify.max_user_instances</c>, 128 on Debian) is shared by all containers and every other root process:
/// at ten hosts the limit is reached and the next host's systemd exits at boot. <c>up</c> raises the limit when it is
/// below what the lab needs; it never lowers it.
/// </summary>
public static class InotifyLimits
{
    public const string MaxUserInstancesPath = "/proc/sys/fs/inotify/max_user_instances";

    /// <summary>Instances to allow for a lab of <paramref name="hosts"/> hosts, with room for the machine's own use.</summary>
    public static int Required(int hosts) => Math.Max(1024, 256 + (64 * hosts));

    /// <summary>The new limit when <paramref name="current"/> is too low for <paramref name="hosts"/> hosts, else null.</summary>
    public static int? RaiseTo(int current, int hosts) => current < Required(hosts) ? Required(hosts) : null;

    /// <summary>Raises the limit if needed; returns (old, new) when it did.</summary>
    public static (int Old, int New)? Ensure(int hosts, string path = MaxUserInstancesPath)
    {
        var current = int.Parse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture);
        if (RaiseTo(current, hosts) is not { } target)
        {
            return null;
        }

        try
        {
            File.WriteAllText(path, target.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LabException(
                $"fs.inotify.max_user_instances is {current}, too low for {hosts} lab hosts (systemd in each needs several), and raising it to {target} failed: {ex.Message}; "
                + $"run 'sysctl -w fs.inotify.max_user_instances={target}' and try again");
        }

        return (current, target);
    }
}
