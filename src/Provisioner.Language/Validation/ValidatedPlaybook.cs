using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Validation;

/// <summary>
/// A playbook after every static check: the model the controller compiles into per-host plans, and every diagnostic
/// sorted by file, line and column. Compile only when <see cref="HasErrors"/> is false.
/// </summary>
public sealed record ValidatedPlaybook(Playbook Playbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Full path that display paths in the model (task locations, role directories) are relative to.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Full path of the playbook's folder: where play-level templates and files are looked up.</summary>
    public required string PlaybookDirectory { get; init; }

    /// <summary>Full paths of the template files tasks refer to (each checked for syntax and variables).</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary>
    /// Where the controller-side file of each <c>template</c>/<c>copy</c> task was found (full path), keyed by the
    /// task's location (its id): the file to ship with the plan. Tasks whose <c>src</c> is templated are absent.
    /// </summary>
    public IReadOnlyDictionary<SourceLocation, string> SourceFiles { get; init; } = new Dictionary<SourceLocation, string>();

    public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

    public bool HasErrors => ErrorCount > 0;

    /// <summary>Full path of a file named by a display path of the model.</summary>
    public string FullPath(string displayPath) => Path.GetFullPath(Path.Combine(BaseDirectory, displayPath));
}
