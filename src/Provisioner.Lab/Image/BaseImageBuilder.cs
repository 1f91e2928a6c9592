using Provisioner.Lab.Docker;
using Provisioner.Lab.Mirror;
using Provisioner.Lab.Processes;
using Serilog;

namespace Provisioner.Lab.Image;

/// <summary>
/// Builds the base image once (debootstrap → prepare → tar.zst under the state directory) and imports it into
/// Docker when the daemon does not have it. No registry is ever contacted.
/// </summary>
internal sealed class BaseImageBuilder(IProcessRunner runner, DockerCli docker, LabPaths paths, TimeProvider time, ILogger log)
{
    private const long BuildSpace = 2L << 30;
    private const long ImportSpace = 1L << 30;
    private const long TarballSpace = 512L << 20;
    private const long ScratchMemoryNeeded = 3L << 30;

    public string Tarball => Path.Combine(paths.ImageDirectory, BaseImageRecipe.TarballName);

    /// <summary>Returns the image tag, building and importing only what is missing.</summary>
    public async Task<string> EnsureAsync(Func<DebianMirror> mirror, CancellationToken cancellationToken)
    {
        var image = BaseImageRecipe.ImageTag;
        if (await docker.ImageExistsAsync(image, cancellationToken).ConfigureAwait(false))
        {
            return image;
        }

        if (!File.Exists(Tarball))
        {
            await BuildTarballAsync(mirror(), cancellationToken).ConfigureAwait(false);
        }

        await ImportAsync(image, cancellationToken).ConfigureAwait(false);
        return image;
    }

    private async Task BuildTarballAsync(DebianMirror mirror, CancellationToken cancellationToken)
    {
        var debootstrap = ToolLocator.Require("debootstrap", "debootstrap");
        ToolLocator.Require("zstd", "zstd");
        Directory.CreateDirectory(paths.ImageDirectory);
        var root = Path.Combine(paths.ImageDirectory, "rootfs.partial");
        await RemoveTreeAsync(root, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(root);

        // dpkg syncs every file it unpacks and deleting 10,000 files is slow on a busy disk: build in memory when
        // there is room. The tmpfs is unmounted again in the finally block below.
        var inMemory = DiskSpace.AvailableMemory() >= ScratchMemoryNeeded;
        DiskSpace.Require(paths.ImageDirectory, inMemory ? TarballSpace : BuildSpace, "building the base image");
        var started = time.GetTimestamp();
        log.Information("Building the base image {Image} with debootstrap from {Mirror} ({Origin}); takes 1-2 minutes the first time", BaseImageRecipe.ImageTag, mirror.Archive, mirror.Origin);
        try
        {
            if (inMemory)
            {
                await runner.RunCheckedAsync(
                    new ProcessSpec("mount", ["-t", "tmpfs", "-o", "size=1536m,mode=0755", "prov-lab-build", root], TimeSpan.FromSeconds(15), "mounting a tmpfs for the image build"),
                    cancellationToken).ConfigureAwait(false);
            }

            var logFile = Path.Combine(paths.ImageDirectory, "debootstrap.log");
            var spec = new ProcessSpec(
                debootstrap,
                ["--variant=minbase", "--include=" + string.Join(',', BaseImageRecipe.Packages), BaseImageRecipe.Suite, root, mirror.Archive],
                TimeSpan.FromMinutes(15),
                "debootstrap of the base image") { Hint = $"check that {mirror.Archive} is reachable from this machine (it was read from {mirror.Origin}; override with --mirror); full output in {logFile}" };
            var result = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(logFile, result.StandardOutput + result.StandardError, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw ProcessRunnerExtensions.Failure(spec, result);
            }

            log.Information("debootstrap finished in {Seconds:0} s", time.GetElapsedTime(started).TotalSeconds);
            try
            {
                RootfsPreparer.Prepare(root, mirror);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new LabException($"preparing the base image in {root} failed: {ex.Message}; delete {paths.ImageDirectory} and retry", ex);
            }

            var partial = Tarball + ".partial";
            await runner.RunCheckedAsync(
                new ProcessSpec("tar", ["--numeric-owner", "--xattrs", "--zstd", "-C", root, "-cf", partial, "."], TimeSpan.FromMinutes(5), "packing the base image"),
                cancellationToken).ConfigureAwait(false);
            File.Move(partial, Tarball, overwrite: true);
            foreach (var stale in Directory.EnumerateFiles(paths.ImageDirectory, "debian12-*.tar.zst").Where(f => f != Tarball))
            {
                FileOps.DeleteIfPresent(stale);
            }

            log.Information("Base image tarball {Tarball} ({MiB:0} MiB) built in {Seconds:0} s", Tarball, new FileInfo(Tarball).Length / 1048576.0, time.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            await RemoveTreeAsync(root, CancellationToken.None).ConfigureAwait(false);
            FileOps.DeleteIfPresent(Tarball + ".partial");
        }
    }

    private async Task ImportAsync(string image, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var dockerRoot = await docker.RootDirectoryAsync(cancellationToken).ConfigureAwait(false);
        DiskSpace.Require(dockerRoot, ImportSpace, $"importing the base image into {dockerRoot}");
        DiskSpace.Require(paths.ImageDirectory, ImportSpace / 2, "unpacking the base image for import");

        // This dockerd cannot read zstd archives, so the tarball is unpacked next to it for the import.
        var plain = Path.Combine(paths.ImageDirectory, "import.tar");
        try
        {
            await runner.RunCheckedAsync(
                new ProcessSpec("zstd", ["--decompress", "--quiet", "--force", Tarball, "-o", plain], TimeSpan.FromMinutes(3), "unpacking the base image") { Hint = $"the cached tarball may be damaged: delete {Tarball} to rebuild it" },
                cancellationToken).ConfigureAwait(false);
            await docker.ImportAsync(plain, image, BaseImageRecipe.ImportChanges, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            FileOps.DeleteIfPresent(plain);
        }

        log.Information("Imported {Image} in {Seconds:0.0} s", image, time.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Unmounts whatever a failed debootstrap left mounted inside the tree, then deletes it.</summary>
    private async Task RemoveTreeAsync(string root, CancellationToken cancellationToken)
    {
        foreach (var mount in MountTable.Under(root, MountTable.Current()))
        {
            var result = await runner.RunAsync(new ProcessSpec("umount", [mount], TimeSpan.FromSeconds(30), $"unmounting {mount}"), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await runner.RunCheckedAsync(new ProcessSpec("umount", ["--lazy", mount], TimeSpan.FromSeconds(30), $"unmounting {mount}"), cancellationToken).ConfigureAwait(false);
            }
        }

        if (MountTable.Under(root, MountTable.Current()).Count > 0)
        {
            throw new LabException($"{root} still has mounts inside; unmount them (see /proc/mounts) and retry");
        }

        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
