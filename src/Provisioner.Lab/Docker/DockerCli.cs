using Provisioner.Lab.Network;
using Provisioner.Lab.Processes;

namespace Provisioner.Lab.Docker;

/// <summary>The docker commands the lab uses, each with a timeout and an error that says what to do.</summary>
internal sealed class DockerCli(IProcessRunner runner, string daemonHint)
{
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Normal = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);
    private const string Docker = "docker";

    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Spec(["version", "--format", "{{.Server.Version}}"], Quick, "asking dockerd for its version"), cancellationToken).ConfigureAwait(false);
        return result.Succeeded && result.StandardOutput.Trim().Length > 0;
    }

    public async Task<string> RootDirectoryAsync(CancellationToken cancellationToken) =>
        (await Run(["info", "--format", "{{.DockerRootDir}}"], Quick, "reading Docker's root directory", cancellationToken).ConfigureAwait(false)).Trim();

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken) =>
        (await runner.RunAsync(Spec(["image", "inspect", "--format", "{{.Id}}", image], Quick, $"looking for image {image}"), cancellationToken).ConfigureAwait(false)).Succeeded;

    public Task ImportAsync(string tarball, string image, IReadOnlyList<string> changes, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "import" };
        foreach (var change in changes)
        {
            arguments.Add("--change");
            arguments.Add(change);
        }

        arguments.Add(tarball);
        arguments.Add(image);
        return Run(arguments, Slow, $"importing {tarball} as image {image}", cancellationToken);
    }

    public async Task<IReadOnlyList<DockerNetworkInfo>> NetworksAsync(CancellationToken cancellationToken)
    {
        var ids = (await Run(["network", "ls", "--quiet", "--no-trunc"], Quick, "listing Docker networks", cancellationToken).ConfigureAwait(false))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return [];
        }

        return DockerNetworkInspectParser.Parse(await Run(["network", "inspect", .. ids], Quick, "inspecting Docker networks", cancellationToken).ConfigureAwait(false));
    }

    public async Task<string> CreateNetworkAsync(string name, Ipv4Subnet subnet, string bridge, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "network", "create", "--driver", "bridge", "--internal",
            "--subnet", subnet.ToString(), "--gateway", subnet.Gateway,
            "--opt", "com.docker.network.bridge.name=" + bridge,
        };
        foreach (var label in labels)
        {
            arguments.Add("--label");
            arguments.Add(label);
        }

        arguments.Add(name);
        return (await Run(arguments, Normal, $"creating Docker network {name} ({subnet})", cancellationToken).ConfigureAwait(false)).Trim();
    }

    public async Task<bool> RemoveNetworkAsync(string name, CancellationToken cancellationToken)
    {
        var spec = Spec(["network", "rm", name], Normal, $"removing Docker network {name}");
        var result = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded && !result.StandardError.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            throw ProcessRunnerExtensions.Failure(spec, result);
        }

        return result.Succeeded;
    }

    /// <summary>Every container (running or not) carrying the label filter, e.g. <c>label=prov.lab=ID</c>.</summary>
    public async Task<IReadOnlyList<ContainerInfo>> ContainersAsync(string labelFilter, CancellationToken cancellationToken)
    {
        var output = await Run(
            ["ps", "--all", "--no-trunc", "--filter", labelFilter, "--format", "{{.ID}}\t{{.Names}}\t{{.State}}\t{{.Label \"" + LabNames.HostLabel + "\"}}\t{{.Image}}"],
            Quick,
            "listing lab containers",
            cancellationToken).ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length >= 5)
            .Select(f => new ContainerInfo(f[0], f[1], f[2], f[3].Length == 0 ? null : f[3], f[4], null))
            .ToList();
    }

    /// <summary>The container, with the fixed address it was created with (also when stopped), or null if there is none.</summary>
    public async Task<ContainerInfo?> InspectContainerAsync(string name, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(
            Spec(["container", "inspect", "--format", "{{.Id}}\t{{.Name}}\t{{.State.Status}}\t{{.Config.Image}}\t{{range .NetworkSettings.Networks}}{{if .IPAMConfig}}{{.IPAMConfig.IPv4Address}}{{end}} {{end}}", name], Quick, $"inspecting container {name}"),
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return null;
        }

        // Not Trim(): a stopped container's last field may be empty.
        var f = result.StandardOutput.TrimEnd('\n', '\r').Split('\t');
        return f.Length < 5 ? null : new ContainerInfo(f[0], f[1].TrimStart('/'), f[2], null, f[3], f[4].Trim());
    }

    public async Task<string> CreateContainerAsync(IReadOnlyList<string> arguments, string host, CancellationToken cancellationToken) =>
        (await Run(arguments, Normal, $"creating the container of host {host}", cancellationToken).ConfigureAwait(false)).Trim();

    public Task CopyIntoAsync(string source, string container, string destination, CancellationToken cancellationToken) =>
        Run(["cp", source, $"{container}:{destination}"], Normal, $"copying {source} into {container}:{destination}", cancellationToken);

    public Task StartAsync(IReadOnlyList<string> containers, CancellationToken cancellationToken) =>
        Run(["start", .. containers], Normal, $"starting {string.Join(", ", containers)}", cancellationToken);

    /// <summary>Stops (systemd shuts down on SIGRTMIN+3) and removes the containers with their anonymous volumes.</summary>
    public async Task RemoveContainersAsync(IReadOnlyList<string> containers, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
        {
            return;
        }

        await runner.RunAsync(Spec(["stop", "--time", "5", .. containers], Normal, "stopping lab containers"), cancellationToken).ConfigureAwait(false);
        await Run(["rm", "--force", "--volumes", .. containers], Normal, $"removing {string.Join(", ", containers)}", cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> LogsTailAsync(string container, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(Spec(["logs", "--tail", "15", container], Quick, $"reading the log of {container}"), cancellationToken).ConfigureAwait(false);
        return (result.StandardOutput + result.StandardError).Trim();
    }

    private async Task<string> Run(IReadOnlyList<string> arguments, TimeSpan timeout, string step, CancellationToken cancellationToken) =>
        (await runner.RunCheckedAsync(Spec(arguments, timeout, step), cancellationToken).ConfigureAwait(false)).StandardOutput;

    private ProcessSpec Spec(IReadOnlyList<string> arguments, TimeSpan timeout, string step) =>
        new(Docker, arguments, timeout, step) { Hint = daemonHint };
}
