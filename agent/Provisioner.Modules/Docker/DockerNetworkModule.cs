// docker_network: user-defined Docker networks, through the Docker Engine API.
using System.Net;
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

internal sealed class DockerNetworkModule(IDockerEngine docker) : IModule<NetworkArgs, NetworkInspect?>
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
        Description = "Talks to the Docker daemon over /var/run/docker.sock. " +
            "A network whose driver, subnet, gateway or internal flag differ is removed and created again; containers " +
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

    ModuleSchema IModule<NetworkArgs, NetworkInspect?>.Schema => Schema;

    public NetworkArgs Bind(ModuleArgs args) => new(
        args.RequiredString("name"),
        args.String("state") == "present",
        args.RequiredString("driver"),
        args.String("subnet"),
        args.String("gateway"),
        args.Bool("internal"));

    public IReadOnlyList<ArgError> Validate(NetworkArgs args)
    {
        var errors = new List<ArgError>();
        if (!DockerNames.IsValid(args.Name))
        {
            errors.Add(new ArgError("name", $"'{args.Name}' is not a network name (letters, digits, '_', '.', '-'; starting with a letter or digit)"));
        }

        IPNetwork? subnet = null;
        if (args.Subnet is { } text)
        {
            if (text.Contains('/', StringComparison.Ordinal) && IPNetwork.TryParse(text, out var parsed))
            {
                subnet = parsed;
            }
            else
            {
                errors.Add(new ArgError("subnet", $"'{text}' is not a network in CIDR notation with host bits zero (172.30.0.0/24)"));
            }
        }

        if (args.Gateway is { } gateway)
        {
            if (!IPAddress.TryParse(gateway, out var address))
            {
                errors.Add(new ArgError("gateway", $"'{gateway}' is not an IP address"));
            }
            else if (args.Subnet is null)
            {
                errors.Add(new ArgError("gateway", "needs `subnet`"));
            }
            else if (subnet is { } network && !network.Contains(address))
            {
                errors.Add(new ArgError("gateway", $"{gateway} is not inside {args.Subnet}"));
            }
        }

        return errors;
    }

    public Task<NetworkInspect?> GetAsync(NetworkArgs args, CancellationToken ct) => docker.InspectNetworkAsync(args.Name, ct);

    public IReadOnlyList<DiffEntry> Compare(NetworkArgs args, NetworkInspect? actual)
    {
        if (actual is null)
        {
            return args.Present ? [new DiffEntry("state", "absent", "present")] : [];
        }

        if (!args.Present)
        {
            return [new DiffEntry("state", "present", "absent")];
        }

        var diff = new List<DiffEntry>();
        if (actual.Driver != args.Driver)
        {
            diff.Add(new DiffEntry("driver", actual.Driver ?? string.Empty, args.Driver));
        }

        var configs = actual.IPAM?.Config ?? [];
        if (args.Subnet is { } subnet && !configs.Any(c => c.Subnet == subnet))
        {
            diff.Add(new DiffEntry("subnet", List(configs.Select(c => c.Subnet)), subnet));
        }

        if (args.Gateway is { } gateway && !configs.Any(c => c.Gateway == gateway))
        {
            diff.Add(new DiffEntry("gateway", List(configs.Select(c => c.Gateway)), gateway));
        }

        if (actual.Internal != args.Internal)
        {
            diff.Add(new DiffEntry("internal", actual.Internal ? "true" : "false", args.Internal ? "true" : "false"));
        }

        return diff;
    }

    public async Task ApplyAsync(NetworkArgs args, NetworkInspect? actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        if (actual is not null)
        {
            if (actual.Containers is { Count: > 0 } attached)
            {
                var names = string.Join(", ", attached.Values.Select(c => c.Name).Order(StringComparer.Ordinal));
                throw new ModuleException(args.Present
                    ? $"network {args.Name} must be created again ({string.Join(", ", diff.Select(d => d.Property))} differ), but containers are attached to it: {names}. Remove them (docker_container state: absent) or detach them first."
                    : $"network {args.Name} cannot be removed: containers are attached to it: {names}. Remove them (docker_container state: absent) first.");
            }

            await docker.RemoveNetworkAsync(actual.Id, ct).ConfigureAwait(false);
        }

        if (args.Present)
        {
            var ipam = args.Subnet is null ? null : new Ipam("default", [new IpamConfig { Subnet = args.Subnet, Gateway = args.Gateway }]);
            await docker.CreateNetworkAsync(new NetworkCreateRequest(args.Name, args.Driver, args.Internal, ipam, CheckDuplicate: true), ct).ConfigureAwait(false);
        }
    }

    public IReadOnlyDictionary<string, object?> Returns(NetworkArgs args, NetworkInspect? state)
    {
        var result = PlainData.NewMap();
        if (state is not null)
        {
            var map = PlainData.NewMap();
            map["name"] = state.Name;
            map["id"] = state.Id;
            map["driver"] = state.Driver;
            map["subnet"] = state.IPAM?.Config is [var config, ..] ? config.Subnet : null;
            map["internal"] = state.Internal;
            result["network"] = map;
        }

        return result;
    }

    private static string List(IEnumerable<string?> items) =>
        items.OfType<string>().ToList() is { Count: > 0 } list ? string.Join(", ", list) : "(none)";
}
