namespace Provisioner.Lab.Preflight;

/// <summary>A program the lab runs and the Debian package that provides it.</summary>
internal sealed record RequiredTool(string Program, string Package);
