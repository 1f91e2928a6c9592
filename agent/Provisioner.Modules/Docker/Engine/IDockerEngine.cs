namespace Provisioner.Modules.Docker.Engine;

/// <summary>
/// The Docker Engine API calls the docker modules make. Lookups return null for "no such object"; every other
/// failure (daemon unreachable, refused request) throws a <see cref="DockerEngineException"/> that says what failed.
/// </summary>
internal interface IDockerEngine
{
    Task<ContainerInspect?> InspectContainerAsync(string name, CancellationToken ct);

    /// <summary>Creates the container and returns its id.</summary>
    Task<string> CreateContainerAsync(string name, ContainerCreateRequest request, CancellationToken ct);

    Task StartContainerAsync(string id, CancellationToken ct);

    Task StopContainerAsync(string id, CancellationToken ct);

    Task RemoveContainerAsync(string id, CancellationToken ct);

    Task ConnectNetworkAsync(string network, string container, CancellationToken ct);

    Task<ImageInspect?> InspectImageAsync(string reference, CancellationToken ct);

    Task PullImageAsync(ImageReference reference, CancellationToken ct);

    /// <summary>Loads a <c>docker save</c> archive (plain or compressed tar).</summary>
    Task LoadImageAsync(Stream archive, CancellationToken ct);

    Task TagImageAsync(string image, ImageReference reference, CancellationToken ct);

    Task RemoveImageAsync(string reference, CancellationToken ct);

    /// <summary>The manifest digest the registry holds for a reference (GET /distribution), without pulling.</summary>
    Task<string> RegistryDigestAsync(ImageReference reference, CancellationToken ct);

    Task<NetworkInspect?> InspectNetworkAsync(string name, CancellationToken ct);

    Task CreateNetworkAsync(NetworkCreateRequest request, CancellationToken ct);

    Task RemoveNetworkAsync(string id, CancellationToken ct);
}
