namespace Provisioner.Core.Runs;

/// <summary>One differing property: desired versus actual, as text.</summary>
public sealed record DiffEntry(string Property, string Before, string After)
{
    /// <summary>The file the entry is about, when there is one.</summary>
    public string? Path { get; init; }
}
