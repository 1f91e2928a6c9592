using Provisioner.Modules.Docker.Engine;

namespace Provisioner.Modules.Docker;

/// <summary>The docker_image module's arguments; <see cref="Reference"/> is null when name and tag do not form one.</summary>
internal sealed record ImageArgs(string Name, ImageReference? Reference, bool Present, string Source, string? LoadPath, bool ForceSource);
