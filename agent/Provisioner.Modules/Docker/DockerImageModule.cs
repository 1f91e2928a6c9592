// docker_image: images pulled, loaded from an archive, or removed, through the Docker Engine API.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker.Engine;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Docker;

internal sealed class DockerImageModule(IDockerEngine docker, IFileSystem fs) : IModule<ImageArgs, ImageState>
{
    public static ModuleSchema Schema { get; } = new(
        "docker_image",
        "Pull a Docker image, load it from an archive, or remove it.",
        [
            new ArgSpec("name", ArgType.String, "Image reference, `repository[:tag]`.") { Required = true },
            new ArgSpec("tag", ArgType.String, "Tag, when `name` has none.") { Default = "latest" },
            new ArgSpec("state", ArgType.String, "Whether the image should be present.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("source", ArgType.String, "Where a missing image comes from: a registry (`pull`) or an archive on the host (`load`).") { Default = "pull", Choices = ["pull", "load"] },
            new ArgSpec("load_path", ArgType.Path, "With source=load, the `docker save` archive to load."),
            new ArgSpec("force_source", ArgType.Bool, "With source=pull, ask the registry even when the image is present, and pull when the tag moved. (With source=load the archive is always compared.)") { Default = false },
        ])
    {
        Description = "Talks to the Docker daemon over /var/run/docker.sock. With `source: load` the archive's image id " +
            "is compared with the image the name points to, so a changed archive is loaded again (and the name tagged " +
            "onto it) and an unchanged one is not. With `source: pull` a present image is kept unless `force_source` " +
            "asks the registry whether the tag moved. A pull that cannot reach the registry fails and says so. To ship " +
            "an image with the plan, copy the archive to the host first (copy module with src), then load it.",
        RequiredIf = [new RequiredIf("source", "load", ["load_path"])],
        Examples =
        [
            new ModuleExample("Pull an image", """
                - docker_image:
                    name: redis
                    tag: "7.2"
                """),
            new ModuleExample("Load an image shipped as an archive (offline hosts)", """
                - docker_image:
                    name: pretix/standalone:2024.10
                    source: load
                    load_path: /var/cache/images/pretix.tar
                """),
        ],
        Returns =
        [
            new ReturnSpec("image", "dict", "Id and tags of the image after the task (absent when removed)."),
        ],
    };

    ModuleSchema IModule<ImageArgs, ImageState>.Schema => Schema;

    public ImageArgs Bind(ModuleArgs args)
    {
        var name = args.RequiredString("name");
        return new ImageArgs(
            name,
            ImageReference.Parse(name, args.RequiredString("tag")),
            args.String("state") == "present",
            args.RequiredString("source"),
            args.String("load_path"),
            args.Bool("force_source"));
    }

    public IReadOnlyList<ArgError> Validate(ImageArgs args)
    {
        var errors = new List<ArgError>();
        if (args.Reference is null)
        {
            errors.Add(new ArgError("name", $"'{args.Name}' is not an image reference (repository[:tag] or repository@sha256:digest)"));
        }
        else if (args.Source == "load" && args.Reference.Digest is not null)
        {
            errors.Add(new ArgError("name", "an image loaded from an archive is named repository[:tag], not by digest"));
        }

        if (args.LoadPath is { } path && !path.StartsWith('/'))
        {
            errors.Add(new ArgError("load_path", $"'{path}' must be an absolute path on the host"));
        }

        return errors;
    }

    public async Task<ImageState> GetAsync(ImageArgs args, CancellationToken ct)
    {
        var reference = args.Reference!;
        var image = await docker.InspectImageAsync(reference.Name, ct).ConfigureAwait(false);
        if (!args.Present)
        {
            return new ImageState(image, null, null);
        }

        if (args.Source == "load")
        {
            return new ImageState(image, await ImageArchive.ReadAsync(fs, args.LoadPath!, ct).ConfigureAwait(false), null);
        }

        var digest = args.ForceSource && image is not null ? await docker.RegistryDigestAsync(reference, ct).ConfigureAwait(false) : null;
        return new ImageState(image, null, digest);
    }

    public IReadOnlyList<DiffEntry> Compare(ImageArgs args, ImageState actual)
    {
        var image = actual.Image;
        if (!args.Present)
        {
            return image is null ? [] : [new DiffEntry("state", "present", "absent")];
        }

        if (image is null)
        {
            return [new DiffEntry("state", "absent", "present")];
        }

        if (actual.Archive is { } archive && archive.Id != image.Id)
        {
            return [new DiffEntry("image", $"{args.Reference} ({DockerNames.Short(image.Id)})", $"{args.Reference} ({DockerNames.Short(archive.Id)} from {args.LoadPath})")];
        }

        if (actual.RegistryDigest is { } digest && !(image.RepoDigests ?? []).Any(d => d.EndsWith("@" + digest, StringComparison.Ordinal)))
        {
            var local = ContainerDiff.LocalDigest(image);
            return [new DiffEntry("image", $"{args.Reference} ({local})", $"{args.Reference} ({digest} in the registry)")];
        }

        return [];
    }

    public async Task ApplyAsync(ImageArgs args, ImageState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        var reference = args.Reference!;
        if (!args.Present)
        {
            await docker.RemoveImageAsync(reference.Name, ct).ConfigureAwait(false);
            return;
        }

        if (actual.Archive is { } archive)
        {
            var stream = await ImageArchive.OpenAsync(fs, args.LoadPath!, ct).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                await docker.LoadImageAsync(stream, ct).ConfigureAwait(false);
            }

            // The archive may carry other tags, or none: the name the task gives must point at its image.
            await docker.TagImageAsync(archive.Id, reference, ct).ConfigureAwait(false);
            return;
        }

        try
        {
            await docker.PullImageAsync(reference, ct).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Status is not null)
        {
            throw new ModuleException(
                $"{e.Message}. If this host cannot reach the registry, ship the image as an archive (`docker save`) and use source: load with load_path.",
                e);
        }
    }

    public IReadOnlyDictionary<string, object?> Returns(ImageArgs args, ImageState state)
    {
        var result = PlainData.NewMap();
        if (state.Image is { } image)
        {
            var map = PlainData.NewMap();
            map["id"] = image.Id;
            map["tags"] = (image.RepoTags ?? []).Select(t => (object?)t).ToList();
            result["image"] = map;
        }

        return result;
    }
}
