using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Packages;

/// <summary>When the package index was last refreshed successfully, for <c>cache_valid_time</c>.</summary>
internal static class AptIndex
{
    /// <summary>
    /// The time of <paramref name="stamp"/> (touched after every successful refresh, by apt's periodic job and by this
    /// module). Without it, the lists directory's time, but only when it holds a package list: a failed
    /// <c>apt-get update</c> also touches the directory (partial files, its lock), and trusting that would skip the
    /// refresh the next run needs and fail with "Unable to locate package".
    /// </summary>
    public static DateTimeOffset? LastRefresh(IFileSystem fs, string stamp, string lists)
    {
        if (fs.Stat(stamp)?.Modified is { } refreshed)
        {
            return refreshed;
        }

        if (fs.Stat(lists) is not { } directory)
        {
            return null;
        }

        return fs.List(lists).Any(path => Path.GetFileName(path).Contains("_Packages", StringComparison.Ordinal)) ? directory.Modified : null;
    }
}
