using Provisioner.Lab.Mirror;
using Provisioner.Lab.Processes;

namespace Provisioner.Lab.Image;

/// <summary>
/// Turns a fresh debootstrap tree into the lab base: no host keys (each host makes its own), empty machine-id,
/// apt through the lab proxy, masked container-hostile units, no package lists or archives.
/// </summary>
internal static class RootfsPreparer
{
    public static void Prepare(string root, DebianMirror mirror)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the lab base image is built on Linux only");
        }

        foreach (var file in BaseImageRecipe.Files)
        {
            var path = Inside(root, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
            File.SetUnixFileMode(path, file.Mode);
        }

        var systemd = Inside(root, "etc/systemd/system");
        foreach (var wants in BaseImageRecipe.HostKeyUnitWants)
        {
            Link(Path.Combine(systemd, wants, BaseImageRecipe.HostKeyUnit), "/etc/systemd/system/" + BaseImageRecipe.HostKeyUnit);
        }

        foreach (var unit in BaseImageRecipe.MaskedUnits)
        {
            Link(Path.Combine(systemd, unit), "/dev/null");
        }

        var ssh = Inside(root, "etc/ssh");
        if (Directory.Exists(ssh))
        {
            foreach (var key in Directory.EnumerateFiles(ssh, "ssh_host_*"))
            {
                FileOps.DeleteIfPresent(key);
            }
        }

        var dotSsh = Inside(root, "root/.ssh");
        Directory.CreateDirectory(dotSsh);
        File.SetUnixFileMode(dotSsh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        // Empty (not missing): systemd then makes a transient id per boot, so hosts do not share one.
        File.WriteAllText(Inside(root, "etc/machine-id"), string.Empty);
        FileOps.DeleteIfPresent(Inside(root, "var/lib/dbus/machine-id"));

        File.WriteAllText(Inside(root, "etc/apt/sources.list"), mirror.SourcesList(BaseImageRecipe.Suite));
        EmptyDirectory(Inside(root, "var/lib/apt/lists"), keep: ["lock", "partial", "auxfiles"]);
        EmptyDirectory(Inside(root, "var/cache/apt/archives"), keep: ["lock", "partial"]);
        foreach (var cache in new[] { "var/cache/apt/pkgcache.bin", "var/cache/apt/srcpkgcache.bin" })
        {
            FileOps.DeleteIfPresent(Inside(root, cache));
        }
    }

    /// <summary>A path inside the tree; refuses symlinked parents so nothing is ever written outside it.</summary>
    internal static string Inside(string root, string relative)
    {
        var path = Path.GetFullPath(Path.Combine(root, relative));
        var current = Path.GetFullPath(root);
        if (!path.StartsWith(current + "/", StringComparison.Ordinal))
        {
            throw new LabException($"image recipe path '{relative}' escapes the image root {root}");
        }

        foreach (var part in Path.GetRelativePath(current, Path.GetDirectoryName(path)!).Split('/'))
        {
            if (part == ".")
            {
                continue;
            }

            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw new LabException($"{current} is a symlink; the image recipe refuses to write through it");
            }
        }

        return path;
    }

    private static void Link(string path, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            FileOps.DeleteIfPresent(path);
        }

        File.CreateSymbolicLink(path, target);
    }

    private static void EmptyDirectory(string directory, IReadOnlyList<string> keep)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory).Where(f => !keep.Contains(Path.GetFileName(f))))
        {
            FileOps.DeleteIfPresent(file);
        }
    }
}
