// docker_container: containers run, stopped or removed through the Docker CLI.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Docker;

internal sealed class DockerContainerModule
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
        Description = "A container whose image, command, env, ports, volumes, networks or restart policy differ from " +
            "the task is recreated.",
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
}
