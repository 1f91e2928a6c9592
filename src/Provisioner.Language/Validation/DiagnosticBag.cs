using Provisioner.Core.Diagnostics;

namespace Provisioner.Language.Validation;

/// <summary>Collects every finding of a load or validation pass instead of stopping at the first.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error);

    public void Error(SourceLocation? at, string message) => Add(Diagnostic.Error(at, message));

    public void Warning(SourceLocation? at, string message) => Add(Diagnostic.Warning(at, message));

    /// <summary>Adds a diagnostic once: a file reached twice (a role used by two plays) reports its problems once.</summary>
    public void Add(Diagnostic diagnostic)
    {
        if (_seen.Add(diagnostic.ToString()))
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Add(diagnostic);
        }
    }
}
