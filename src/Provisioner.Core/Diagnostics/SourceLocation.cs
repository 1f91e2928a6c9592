namespace Provisioner.Core.Diagnostics;

/// <summary>A position in a source file: 1-based line and column, path relative to the working directory.</summary>
public sealed record SourceLocation(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
