namespace Provisioner.Language.Yaml;

/// <summary>Bounds that keep hostile YAML (huge files, alias bombs, deep nesting) from hanging or crashing us.</summary>
public sealed record YamlLimits
{
    public static YamlLimits Default { get; } = new();

    /// <summary>Largest file read, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and lists.</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Most nodes reachable through aliases, counting every expansion.</summary>
    public long MaxExpandedNodes { get; init; } = 1_000_000;
}
