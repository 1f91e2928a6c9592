using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

/// <summary>
/// The container as Docker reports it (null when there is none), the image it runs (for the image's own environment),
/// the image asked for (null when not on this host), and with <c>pull</c> the digest the registry holds for it.
/// </summary>
internal sealed record ContainerState(ContainerInspect? Container, ImageInspect? ContainerImage, ImageInspect? WantedImage, string? RegistryDigest);
