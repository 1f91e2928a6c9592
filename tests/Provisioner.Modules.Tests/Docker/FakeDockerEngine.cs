using Provisioner.Modules.Docker;
using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Tests.Docker;

/// <summary>
/// An in-memory Docker daemon for the modules' Apply logic: containers keep what they were created with, images have
/// ids and tags, networks their settings and attached containers. Records every changing call. The real daemon is
/// exercised by the Lab tier.
/// </summary>
internal sealed class FakeDockerEngine : IDockerEngine
{
    private int _next;

    public Dictionary<string, ContainerInspect> Containers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ImageInspect> Images { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, NetworkInspect> Networks { get; } = new(StringComparer.Ordinal);

    public List<string> Calls { get; } = [];

    /// <summary>What a pull fails with (none: pulls fail like on a host without registry access).</summary>
    public string PullError { get; init; } = "Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host";

    public Task<ContainerInspect?> InspectContainerAsync(string name, CancellationToken ct) =>
        Task.FromResult(Containers.GetValueOrDefault(name));

    public Task<string> CreateContainerAsync(string name, ContainerCreateRequest request, CancellationToken ct)
    {
        Calls.Add($"create {name}");
        var image = Images.GetValueOrDefault(request.Image) ?? Images.Values.FirstOrDefault(i => i.Id == request.Image)
            ?? throw new DockerEngineException($"creating container {name}: the Docker daemon refused (404): No such image: {request.Image}", System.Net.HttpStatusCode.NotFound);
        var id = $"c{++_next:D63}";
        var env = (image.Config?.Env ?? []).Where(e => request.Env?.Any(r => r.Split('=')[0] == e.Split('=')[0]) != true).Concat(request.Env ?? []).ToList();
        Containers[name] = new ContainerInspect(
            id,
            "/" + name,
            image.Id,
            new ContainerConfig { Image = request.Image, Env = env, Cmd = request.Cmd ?? image.Config?.Cmd, ExposedPorts = request.ExposedPorts },
            request.HostConfig,
            new ContainerStatus("created", false),
            new NetworkSettings(new Dictionary<string, EndpointSettings> { [request.HostConfig?.NetworkMode ?? "bridge"] = new() }));
        return Task.FromResult(id);
    }

    public Task StartContainerAsync(string id, CancellationToken ct) => SetStatus(id, "start", new ContainerStatus("running", true));

    public Task StopContainerAsync(string id, CancellationToken ct) => SetStatus(id, "stop", new ContainerStatus("exited", false));

    public Task RemoveContainerAsync(string id, CancellationToken ct)
    {
        Calls.Add($"remove {Name(id)}");
        Containers.Remove(Name(id));
        return Task.CompletedTask;
    }

    public Task ConnectNetworkAsync(string network, string container, CancellationToken ct)
    {
        var name = Name(container);
        Calls.Add($"connect {name} {network}");
        var c = Containers[name];
        var networks = new Dictionary<string, EndpointSettings>(c.NetworkSettings!.Networks!) { [network] = new() };
        Containers[name] = c with { NetworkSettings = new NetworkSettings(networks) };
        return Task.CompletedTask;
    }

    public Task<ImageInspect?> InspectImageAsync(string reference, CancellationToken ct) =>
        Task.FromResult(Images.GetValueOrDefault(reference) ?? Images.Values.FirstOrDefault(i => i.Id == reference));

    public Task PullImageAsync(ImageReference reference, CancellationToken ct)
    {
        Calls.Add($"pull {reference}");
        throw new DockerEngineException($"pulling image {reference}: {PullError}", System.Net.HttpStatusCode.OK);
    }

    public async Task LoadImageAsync(Stream archive, CancellationToken ct)
    {
        Calls.Add("load");
        var copy = new MemoryStream();
        await archive.CopyToAsync(copy, ct);
        LoadedBytes = copy.ToArray();
    }

    public byte[]? LoadedBytes { get; private set; }

    public Task TagImageAsync(string image, ImageReference reference, CancellationToken ct)
    {
        Calls.Add($"tag {DockerNames.Short(image)} {reference}");
        Images[reference.Name] = new ImageInspect(image, [reference.Name], null, new ContainerConfig());
        return Task.CompletedTask;
    }

    public Task RemoveImageAsync(string reference, CancellationToken ct)
    {
        Calls.Add($"rmi {reference}");
        Images.Remove(reference);
        return Task.CompletedTask;
    }

    public Task<string> RegistryDigestAsync(ImageReference reference, CancellationToken ct) =>
        throw new DockerEngineException($"asking the registry for image {reference}: {PullError}");

    public Task<NetworkInspect?> InspectNetworkAsync(string name, CancellationToken ct) => Task.FromResult(Networks.GetValueOrDefault(name));

    public Task CreateNetworkAsync(NetworkCreateRequest request, CancellationToken ct)
    {
        Calls.Add($"network create {request.Name}");
        Networks[request.Name] = new NetworkInspect($"n{++_next}", request.Name, request.Driver, request.Internal, request.IPAM, new Dictionary<string, NetworkContainer>());
        return Task.CompletedTask;
    }

    public Task RemoveNetworkAsync(string id, CancellationToken ct)
    {
        var name = Networks.Values.Single(n => n.Id == id).Name;
        Calls.Add($"network rm {name}");
        Networks.Remove(name);
        return Task.CompletedTask;
    }

    public void AddImage(string reference, string id, params string[] env) =>
        Images[reference] = new ImageInspect(id, [reference], null, new ContainerConfig { Env = env, Cmd = ["/bin/sh"] });

    private Task SetStatus(string id, string verb, ContainerStatus status)
    {
        var name = Name(id);
        Calls.Add($"{verb} {name}");
        Containers[name] = Containers[name] with { State = status };
        return Task.CompletedTask;
    }

    private string Name(string id) => Containers.Single(c => c.Value.Id == id).Key;
}
