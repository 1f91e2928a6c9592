// docker_container's Compare: what was asked for against what Docker reports. Pure.
using Provisioner.Core.Runs;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Docker.Engine;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Docker;

/// <summary>
/// Only what the task asks for is compared, so a container is recreated exactly when the task wants something else
/// than what runs: the image (by id), the environment (the image's own plus <c>env</c>, nothing else), ports,
/// volumes, networks, restart policy, command. Each differing property is one diff entry.
/// </summary>
internal static class ContainerDiff
{
    /// <summary>Properties whose difference means the container must be removed and created again.</summary>
    public static readonly IReadOnlySet<string> RecreateProperties =
        new HashSet<string>(["image", "env", "ports", "volumes", "networks", "restart_policy", "command", "recreate"], StringComparer.Ordinal);

    public static IReadOnlyList<DiffEntry> Of(ContainerArgs args, ContainerState actual)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(actual);
        if (actual.Container is not { } container)
        {
            return Missing(args, actual);
        }

        if (args.State == "absent")
        {
            return [new DiffEntry("state", Status(container), "absent")];
        }

        var diff = new List<DiffEntry>();
        AddImage(diff, args, container, actual);
        AddEnv(diff, args, container, actual);
        if (args.Ports is { } ports)
        {
            AddSet(diff, "ports", PortSpec.FromBindings(container.HostConfig?.PortBindings).Select(p => p.ToString()), ports.Select(p => p.ToString()));
        }

        if (args.Volumes is { } volumes)
        {
            var current = (container.HostConfig?.Binds ?? []).Select(b => VolumeSpec.TryParse(b, out _)?.Bind ?? b);
            AddSet(diff, "volumes", current, volumes.Select(v => v.Bind));
        }

        if (args.Networks is { } networks)
        {
            AddSet(diff, "networks", container.NetworkSettings?.Networks?.Keys ?? [], networks);
        }

        if (args.RestartPolicy is { } policy)
        {
            var current = container.HostConfig?.RestartPolicy?.Name is { Length: > 0 } name ? name : "no";
            if (current != policy)
            {
                diff.Add(new DiffEntry("restart_policy", current, policy));
            }
        }

        if (args.Command is { } command && !command.SequenceEqual(container.Config?.Cmd ?? []))
        {
            diff.Add(new DiffEntry("command", CommandLine.Join(container.Config?.Cmd ?? []), CommandLine.Join(command)));
        }

        if (args.Recreate)
        {
            diff.Add(new DiffEntry("recreate", DockerNames.Short(container.Id), "forced"));
        }

        var running = container.State?.Running == true;
        if (args.State == "started" && !running)
        {
            diff.Add(new DiffEntry("state", Status(container), "running"));
        }
        else if (args.State == "stopped" && running)
        {
            diff.Add(new DiffEntry("state", Status(container), "stopped"));
        }

        return diff;
    }

    public static string Status(ContainerInspect container) => container.State?.Status ?? "unknown";

    /// <summary>The digest the image was pulled by, as the registry knows it.</summary>
    public static string LocalDigest(ImageInspect image) =>
        image.RepoDigests is [var first, ..] ? first[(first.IndexOf('@', StringComparison.Ordinal) + 1)..] : "(no digest)";

    private static List<DiffEntry> Missing(ContainerArgs args, ContainerState actual)
    {
        if (args.State == "absent")
        {
            return [];
        }

        if (args.Image is null)
        {
            throw new ModuleException($"container {args.Name} does not exist; give `image` to create it");
        }

        var diff = new List<DiffEntry> { new("state", "absent", args.State == "started" ? "running" : args.State) };
        if (actual.WantedImage is null)
        {
            diff.Add(new DiffEntry("image", "(not on this host)", $"{args.Image} (to be pulled)"));
        }

        return diff;
    }

    private static void AddImage(List<DiffEntry> diff, ContainerArgs args, ContainerInspect container, ContainerState actual)
    {
        if (args.Image is not { } image)
        {
            return;
        }

        var current = $"{container.Config?.Image} ({DockerNames.Short(container.Image)})";
        if (actual.WantedImage is not { } wanted)
        {
            diff.Add(new DiffEntry("image", current, $"{image} (not on this host; to be pulled)"));
        }
        else if (wanted.Id != container.Image)
        {
            diff.Add(new DiffEntry("image", current, $"{image} ({DockerNames.Short(wanted.Id)})"));
        }
        else if (actual.RegistryDigest is { } digest && !(wanted.RepoDigests ?? []).Any(d => d.EndsWith("@" + digest, StringComparison.Ordinal)))
        {
            var local = LocalDigest(wanted);
            diff.Add(new DiffEntry("image", $"{image} ({local})", $"{image} ({digest} in the registry)"));
        }
    }

    private static void AddEnv(List<DiffEntry> diff, ContainerArgs args, ContainerInspect container, ContainerState actual)
    {
        if (args.Env is not { } env)
        {
            return;
        }

        var current = Variables(container.Config?.Env);
        var imageEnv = (actual.ContainerImage ?? actual.WantedImage)?.Config?.Env;
        var expected = Variables(imageEnv);
        foreach (var (key, value) in env)
        {
            expected[key] = value;
        }

        // Without the image's environment, only the asked-for variables can be judged.
        var keys = (imageEnv is null ? env.Keys : expected.Keys.Union(current.Keys, StringComparer.Ordinal))
            .Where(k => expected.GetValueOrDefault(k) != current.GetValueOrDefault(k))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (keys.Count > 0)
        {
            diff.Add(new DiffEntry("env", Describe(keys, current), Describe(keys, expected)));
        }
    }

    private static void AddSet(List<DiffEntry> diff, string property, IEnumerable<string> current, IEnumerable<string> wanted)
    {
        var have = current.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var want = wanted.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!have.SequenceEqual(want, StringComparer.Ordinal))
        {
            diff.Add(new DiffEntry(property, List(have), List(want)));
        }
    }

    private static Dictionary<string, string> Variables(IReadOnlyList<string>? env)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in env ?? [])
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            result[equals < 0 ? entry : entry[..equals]] = equals < 0 ? string.Empty : entry[(equals + 1)..];
        }

        return result;
    }

    private static string Describe(IEnumerable<string> keys, Dictionary<string, string> env) =>
        string.Join(", ", keys.Select(k => env.TryGetValue(k, out var v) ? $"{k}={v}" : $"{k} unset"));

    private static string List(List<string> items) => items.Count == 0 ? "(none)" : string.Join(", ", items);
}
