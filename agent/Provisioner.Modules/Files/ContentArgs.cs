namespace Provisioner.Modules.Files;

/// <summary>A whole file's wanted content and attributes: what copy and template bind to, and what lineinfile computes.</summary>
internal sealed record ContentArgs(string Dest, ReadOnlyMemory<byte> Content, Attributes Attributes, bool Backup, string? Validate, bool Force);
