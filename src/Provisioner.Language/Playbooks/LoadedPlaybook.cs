using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;

namespace Provisioner.Language.Playbooks;

/// <summary>The result of reading a playbook and everything it pulls in: the model (as complete as the input allowed) and every problem found.</summary>
public sealed record LoadedPlaybook(Playbook Playbook, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);

    /// <summary>Full path that display paths in the model and in diagnostics are relative to.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Full path of the playbook's directory: where plays' files, templates and task files are looked up.</summary>
    public required string Directory { get; init; }

    /// <summary>Every templated string and expression, for syntax and variable checks.</summary>
    internal IReadOnlyList<TemplateSite> TemplateSites { get; init; } = [];

    /// <summary>Every variable name defined somewhere: vars, vars_files, role defaults/vars/parameters, register, set_fact, loop vars, -e.</summary>
    internal IReadOnlySet<string> DefinedNames { get; init; } = new HashSet<string>();

    /// <summary>Module keys of tasks whose arguments could not be read; the schema check skips them.</summary>
    internal IReadOnlySet<SourceLocation> UnreadableArgs { get; init; } = new HashSet<SourceLocation>();
}
