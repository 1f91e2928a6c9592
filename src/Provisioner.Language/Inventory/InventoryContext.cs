using Provisioner.Core.Diagnostics;
using Provisioner.Language.Yaml;

namespace Provisioner.Language.Inventory;

/// <summary>What one load shares: how paths are shown, and every diagnostic found so far (all are reported at once).</summary>
internal sealed class InventoryContext(string displayRoot)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public bool HasErrors => _diagnostics.Any(d => d.Severity == Severity.Error);

    public string Display(string path)
    {
        var relative = Path.GetRelativePath(displayRoot, Path.GetFullPath(path));
        return relative.Replace(Path.DirectorySeparatorChar, '/');
    }

    public void Error(SourceLocation? location, string message) => _diagnostics.Add(Diagnostic.Error(location, message));

    public void Warn(SourceLocation? location, string message) => _diagnostics.Add(Diagnostic.Warning(location, message));

    /// <summary>Loads a YAML file; a syntax error is recorded and yields null so other files are still checked.</summary>
    public YNode? LoadYaml(string path, string displayPath)
    {
        try
        {
            return YamlLoader.LoadFile(path, displayPath);
        }
        catch (InvalidInputException ex)
        {
            _diagnostics.AddRange(ex.Diagnostics);
            return null;
        }
    }
}
