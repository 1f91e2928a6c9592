using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

/// <summary>
/// The image the reference names on this host (null when none), and what would replace it: the archive's image with
/// source=load, the registry's digest with source=pull and force_source.
/// </summary>
internal sealed record ImageState(ImageInspect? Image, ImageArchive? Archive, string? RegistryDigest);
