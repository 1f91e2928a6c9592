// The parts of the Docker Engine API's image objects the modules read.
namespace Provisioner.Modules.Docker.Engine;

/// <summary>GET /images/{name}/json.</summary>
internal sealed record ImageInspect(string Id, IReadOnlyList<string>? RepoTags, IReadOnlyList<string>? RepoDigests, ContainerConfig? Config);

/// <summary>GET /distribution/{name}/json: what the registry holds for a reference, without pulling it.</summary>
internal sealed record DistributionInspect(DistributionDescriptor? Descriptor);

internal sealed record DistributionDescriptor(string? Digest);

/// <summary>One line of a streamed answer (pull, load): progress, output or an error.</summary>
internal sealed record ProgressLine(string? Status, string? Stream, string? Error, ErrorDetail? ErrorDetail);

internal sealed record ErrorDetail(string? Message);

/// <summary>The body of an error answer.</summary>
internal sealed record ErrorResponse(string? Message);

/// <summary>manifest.json of a `docker save` archive: one entry per image.</summary>
internal sealed record ArchiveManifestEntry(string Config, IReadOnlyList<string>? RepoTags);
