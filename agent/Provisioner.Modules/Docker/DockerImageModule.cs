// docker_image: images pulled, loaded from an archive, or removed.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Docker;

internal sealed class DockerImageModule
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
            new ArgSpec("force_source", ArgType.Bool, "Pull or load even when the image is present (to pick up a moved tag).") { Default = false },
        ])
    {
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
}
