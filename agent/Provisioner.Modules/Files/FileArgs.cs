namespace Provisioner.Modules.Files;

internal sealed record FileArgs(string Path, string State, Attributes Attributes, bool Recurse, string? Src, bool Force);
