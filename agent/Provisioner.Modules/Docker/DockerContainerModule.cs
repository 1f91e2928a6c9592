// docker_container: containers run, stopped or removed through the Docker Engine API; recreated when the task asks for something else.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

internal sealed class DockerContainerModule(IDockerEngine docker) : IModule<ContainerArgs, ContainerState>, IOneShotRequests<ContainerArgs>
{
    public static ModuleSchema Schema { get; } = new(
        "docker_container",
        "Run, stop or remove a Docker container; recreate it when its image or configuration changed.",
        [
            new ArgSpec("name", ArgType.String, "Container name.") { Required = true },
            new ArgSpec("image", ArgType.String, "Image reference (`pretix/standalone:2024.10`). Required to create the container."),
            new ArgSpec("state", ArgType.String, "`started`: exists and runs; `stopped`: exists, not running; `present`: exists; `absent`: removed.") { Default = "started", Choices = ["started", "stopped", "present", "absent"] },
            new ArgSpec("ports", ArgType.List, "Published ports, `[ip:]host:container[/proto]`.") { Elements = ArgType.String, Aliases = ["published_ports"] },
            new ArgSpec("env", ArgType.Dict, "Environment variables of the container."),
            new ArgSpec("volumes", ArgType.List, "Mounts, `source:target[:ro]`.") { Elements = ArgType.String },
            new ArgSpec("networks", ArgType.List, "Networks to attach, by name.") { Elements = ArgType.String },
            new ArgSpec("restart_policy", ArgType.String, "Docker restart policy.") { Choices = ["no", "on-failure", "always", "unless-stopped"] },
            new ArgSpec("command", ArgType.Raw, "Command to run instead of the image's default: a string or a list."),
            new ArgSpec("pull", ArgType.Bool, "Pull the image before comparing, to pick up a moved tag.") { Default = false },
            new ArgSpec("recreate", ArgType.Bool, "Always recreate the container.") { Default = false },
        ])
    {
        Description = "Talks to the Docker daemon over /var/run/docker.sock. Only what the task gives is compared, and a " +
            "container whose image (by id), command, env, ports, volumes, networks or restart policy differ from the task " +
            "is removed and created again, with exactly the task's settings. `env` is compared as the image's environment " +
            "plus the task's variables, so a variable dropped from the task is dropped from the container. An image that " +
            "is not on the host is pulled; hosts without a registry load it first with docker_image (source: load).",
        RequiredIf = [new RequiredIf("state", "started", ["image"]), new RequiredIf("state", "present", ["image"])],
        Examples =
        [
            new ModuleExample("Run the shop", """
                - docker_container:
                    name: pretix
                    image: pretix/standalone:2024.10
                    ports: ["127.0.0.1:8345:80"]
                    volumes: ["/var/pretix-data:/data", "/etc/pretix:/etc/pretix:ro"]
                    networks: [shop]
                    restart_policy: unless-stopped
                """),
            new ModuleExample("Remove a container", """
                - docker_container:
                    name: old-worker
                    state: absent
                """),
        ],
        Returns =
        [
            new ReturnSpec("container", "dict", "The container's inspect data after the task (id, image, state)."),
        ],
    };

    ModuleSchema IModule<ContainerArgs, ContainerState>.Schema => Schema;

    public ContainerArgs Bind(ModuleArgs args) => ContainerArgs.From(
        args.RequiredString("name"),
        args.String("image"),
        args.RequiredString("state"),
        args.Has("ports") ? args.StringList("ports") : null,
        args.Map("env"),
        args.Has("volumes") ? args.StringList("volumes") : null,
        args.StringList("networks") is { Count: > 0 } networks ? networks : null,
        args.String("restart_policy"),
        args.Raw("command"),
        args.Bool("pull"),
        args.Bool("recreate"));

    public IReadOnlyList<ArgError> Validate(ContainerArgs args)
    {
        var errors = args.Problems.ToList();
        if (!DockerNames.IsValid(args.Name))
        {
            errors.Add(new ArgError("name", $"'{args.Name}' is not a container name (letters, digits, '_', '.', '-'; starting with a letter or digit)"));
        }

        if (args.Image is { } image && ImageReference.Parse(image) is null)
        {
            errors.Add(new ArgError("image", $"'{image}' is not an image reference (repository[:tag] or repository@sha256:digest)"));
        }

        foreach (var network in (args.Networks ?? []).Where(n => !DockerNames.IsValid(n)))
        {
            errors.Add(new ArgError("networks", $"'{network}' is not a network name"));
        }

        if (args.Pull && args.Image is null)
        {
            errors.Add(new ArgError("pull", "needs `image`"));
        }

        return errors;
    }

    public async Task<ContainerState> GetAsync(ContainerArgs args, CancellationToken ct)
    {
        var container = await docker.InspectContainerAsync(args.Name, ct).ConfigureAwait(false);
        if (args.State == "absent")
        {
            return new ContainerState(container, null, null, null);
        }

        var containerImage = container is null ? null : await docker.InspectImageAsync(container.Image, ct).ConfigureAwait(false);
        var wanted = args.Image is null ? null : await docker.InspectImageAsync(args.Image, ct).ConfigureAwait(false);
        var digest = args.Pull && wanted is not null ? await docker.RegistryDigestAsync(ImageReference.Parse(args.Image!)!, ct).ConfigureAwait(false) : null;
        return new ContainerState(container, containerImage, wanted, digest);
    }

    public IReadOnlyList<DiffEntry> Compare(ContainerArgs args, ContainerState actual) => ContainerDiff.Of(args, actual);

    public async Task ApplyAsync(ContainerArgs args, ContainerState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        var container = actual.Container;
        var running = container?.State?.Running == true;
        if (args.State == "absent")
        {
            await RemoveAsync(container!, running, ct).ConfigureAwait(false);
            return;
        }

        var changes = diff.Select(d => d.Property).ToHashSet(StringComparer.Ordinal);
        if (container is not null && !changes.Overlaps(ContainerDiff.RecreateProperties))
        {
            if (args.State == "started" && !running)
            {
                await docker.StartContainerAsync(container.Id, ct).ConfigureAwait(false);
            }
            else if (args.State == "stopped" && running)
            {
                await docker.StopContainerAsync(container.Id, ct).ConfigureAwait(false);
            }

            return;
        }

        if (args.Image is { } image && NeedsPull(actual))
        {
            await PullAsync(ImageReference.Parse(image)!, ct).ConfigureAwait(false);
        }

        if (container is not null)
        {
            await RemoveAsync(container, running, ct).ConfigureAwait(false);
        }

        var id = await docker.CreateContainerAsync(args.Name, CreateRequest(args, args.Image ?? container!.Image), ct).ConfigureAwait(false);
        foreach (var network in (args.Networks ?? []).Skip(1))
        {
            await docker.ConnectNetworkAsync(network, id, ct).ConfigureAwait(false);
        }

        if (args.State == "started" || (args.State == "present" && running))
        {
            await docker.StartContainerAsync(id, ct).ConfigureAwait(false);
        }
    }

    public ContainerArgs Settled(ContainerArgs args) => args with { Recreate = false };

    public IReadOnlyDictionary<string, object?> Returns(ContainerArgs args, ContainerState state)
    {
        var result = PlainData.NewMap();
        if (state.Container is { } container)
        {
            var map = PlainData.NewMap();
            map["id"] = container.Id;
            map["name"] = container.Name.TrimStart('/');
            map["image"] = container.Image;
            map["status"] = ContainerDiff.Status(container);
            map["running"] = container.State?.Running == true;
            result["container"] = map;
        }

        return result;
    }

    public static ContainerCreateRequest CreateRequest(ContainerArgs args, string image)
    {
        var first = args.Networks is [var network, ..] ? network : null;
        return new ContainerCreateRequest
        {
            Image = image,
            Env = args.Env?.Select(e => $"{e.Key}={e.Value}").ToList(),
            Cmd = args.Command,
            ExposedPorts = args.Ports?.Select(p => p.Key).Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => new EmptyObject(), StringComparer.Ordinal),
            HostConfig = new HostConfig
            {
                PortBindings = args.Ports?.GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(
                    g => g.Key, g => (IReadOnlyList<PortBinding>?)g.Select(p => new PortBinding(p.HostIp, p.HostPort)).ToList(), StringComparer.Ordinal),
                Binds = args.Volumes?.Select(v => v.Bind).ToList(),
                RestartPolicy = args.RestartPolicy is { } policy ? new RestartPolicy(policy, 0) : null,
                NetworkMode = first,
            },
            NetworkingConfig = first is null ? null : new NetworkingConfig(new Dictionary<string, EndpointSettings>(StringComparer.Ordinal) { [first] = new() }),
        };
    }

    private static bool NeedsPull(ContainerState actual) =>
        actual.WantedImage is not { } wanted
        || (actual.RegistryDigest is { } digest && !(wanted.RepoDigests ?? []).Any(d => d.EndsWith("@" + digest, StringComparison.Ordinal)));

    private async Task PullAsync(ImageReference image, CancellationToken ct)
    {
        try
        {
            await docker.PullImageAsync(image, ct).ConfigureAwait(false);
        }
        catch (DockerEngineException e) when (e.Status is not null)
        {
            throw new ModuleException(
                $"image {image} is not on this host and pulling it failed: {e.Message}. A host without access to the registry can load the image from an archive first (docker_image with source: load).",
                e);
        }
    }

    private async Task RemoveAsync(ContainerInspect container, bool running, CancellationToken ct)
    {
        // A clean stop first (SIGTERM, 10 s), so the program can shut down; removal then forces only what is left.
        if (running)
        {
            await docker.StopContainerAsync(container.Id, ct).ConfigureAwait(false);
        }

        await docker.RemoveContainerAsync(container.Id, ct).ConfigureAwait(false);
    }
}
