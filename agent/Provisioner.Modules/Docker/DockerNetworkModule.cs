// docker_network: user-defined Docker networks.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Docker;

internal sealed class DockerNetworkModule
{
    public static ModuleSchema Schema { get; } = new(
        "docker_network",
        "Create or remove a user-defined Docker network.",
        [
            new ArgSpec("name", ArgType.String, "Network name.") { Required = true },
            new ArgSpec("state", ArgType.String, "Whether the network should exist.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("driver", ArgType.String, "Network driver.") { Default = "bridge" },
            new ArgSpec("subnet", ArgType.String, "IPv4 subnet in CIDR notation (`172.30.0.0/24`)."),
            new ArgSpec("gateway", ArgType.String, "Gateway address inside `subnet`."),
            new ArgSpec("internal", ArgType.Bool, "Restrict external access to the network.") { Default = false },
        ])
    {
        Description = "A network whose driver, subnet or gateway differ is removed and created again; containers " +
            "attached to it must be detached first (the task fails and says so otherwise).",
        Examples =
        [
            new ModuleExample("A network for the shop's containers", """
                - docker_network:
                    name: shop
                    subnet: 172.30.0.0/24
                """),
        ],
        Returns =
        [
            new ReturnSpec("network", "dict", "Name, id, driver and subnet after the task (absent when removed)."),
        ],
    };
}
