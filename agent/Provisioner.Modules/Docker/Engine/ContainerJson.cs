// The parts of the Docker Engine API's container objects the modules read and write (API 1.41).
namespace Provisioner.Modules.Docker.Engine;

/// <summary>GET /containers/{name}/json. <see cref="Image"/> is the image id; <see cref="ContainerConfig.Image"/> the name it was created from.</summary>
internal sealed record ContainerInspect(string Id, string Name, string Image, ContainerConfig? Config, HostConfig? HostConfig, ContainerStatus? State, NetworkSettings? NetworkSettings);

internal sealed record ContainerConfig
{
    public string? Image { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

internal sealed record HostConfig
{
    public IReadOnlyDictionary<string, IReadOnlyList<PortBinding>?>? PortBindings { get; init; }

    public IReadOnlyList<string>? Binds { get; init; }

    public RestartPolicy? RestartPolicy { get; init; }

    public string? NetworkMode { get; init; }
}

internal sealed record PortBinding(string? HostIp, string? HostPort);

internal sealed record RestartPolicy(string? Name, int MaximumRetryCount);

internal sealed record ContainerStatus(string? Status, bool Running);

internal sealed record NetworkSettings(IReadOnlyDictionary<string, EndpointSettings>? Networks);

internal sealed record EndpointSettings
{
    public string? NetworkID { get; init; }
}

internal sealed record EmptyObject;

/// <summary>POST /containers/create.</summary>
internal sealed record ContainerCreateRequest
{
    public required string Image { get; init; }

    public IReadOnlyList<string>? Env { get; init; }

    public IReadOnlyList<string>? Cmd { get; init; }

    public IReadOnlyDictionary<string, EmptyObject>? ExposedPorts { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public HostConfig? HostConfig { get; init; }

    public NetworkingConfig? NetworkingConfig { get; init; }
}

internal sealed record NetworkingConfig(IReadOnlyDictionary<string, EndpointSettings> EndpointsConfig);

internal sealed record CreatedResponse(string Id, IReadOnlyList<string>? Warnings);

internal sealed record ConnectRequest(string Container);
