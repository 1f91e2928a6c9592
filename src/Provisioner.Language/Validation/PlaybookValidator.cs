using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Language.Playbooks;
using Provisioner.Templating;

namespace Provisioner.Language.Validation;

/// <summary>
/// Loads a playbook and runs every static check before anything touches a host: structure and keyword types (while
/// loading), module arguments against their schemas, notify targets, files and templates tasks refer to, template
/// syntax, undefined variables, and host patterns against the inventory. Every problem is reported, sorted by position.
/// </summary>
public sealed class PlaybookValidator
{
    private readonly IModuleSchemaCatalog _catalog;
    private readonly TemplateEngine _templates;

    public PlaybookValidator(IModuleSchemaCatalog catalog, TemplateEngine? templates = null)
    {
        _catalog = catalog;
        _templates = templates ?? new TemplateEngine();
    }

    public ValidatedPlaybook Validate(string playbookPath, ValidationOptions? options = null)
    {
        options ??= new ValidationOptions();
        var loaded = new PlaybookLoader(_catalog, _templates).Load(playbookPath, options.Playbook);
        return Validate(loaded, options);
    }

    /// <summary>Validates an already loaded playbook; the playbook options in <paramref name="options"/> are those it was loaded with and are not read again.</summary>
    public ValidatedPlaybook Validate(LoadedPlaybook loaded, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        options ??= new ValidationOptions();
        var baseDirectory = loaded.BaseDirectory;
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(loaded.Diagnostics);
        var playbook = loaded.Playbook;

        ModuleArgsCheck.Run(playbook, _catalog, loaded.UnreadableArgs, diagnostics);
        NotifyCheck.Run(playbook, diagnostics);
        var sourceFiles = FileReferenceCheck.Run(playbook, baseDirectory, loaded.Directory, diagnostics);
        var templateFiles = TaskWalker.All(playbook)
            .Where(t => t.Module == "template" && sourceFiles.ContainsKey(t.Location))
            .Select(t => sourceFiles[t.Location])
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var known = new HashSet<string>(loaded.DefinedNames, StringComparer.Ordinal);
        known.UnionWith(MagicVariables.Names);
        if (options.Inventory is { } inventory)
        {
            known.UnionWith(InventoryAdapter.VariableNames(inventory));
            HostPatternCheck.Run(playbook, inventory, diagnostics);
        }

        var undefined = !options.CheckUndefinedVariables ? null : options.Inventory is null ? (Severity?)Severity.Warning : Severity.Error;
        var templates = new TemplateCheck(_templates, known, undefined, path => Path.GetRelativePath(baseDirectory, path).Replace('\\', '/'), diagnostics);
        templates.CheckSites(loaded.TemplateSites);
        foreach (var file in templateFiles)
        {
            templates.CheckFile(file);
        }

        return new ValidatedPlaybook(playbook, Sort(diagnostics.Items))
        {
            BaseDirectory = baseDirectory,
            PlaybookDirectory = loaded.Directory,
            Templates = templateFiles,
            SourceFiles = sourceFiles,
        };
    }

    /// <summary>By file, then line, then column; diagnostics without a position first.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics
            .OrderBy(d => d.Location is null ? 0 : 1)
            .ThenBy(d => d.Location?.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line ?? 0)
            .ThenBy(d => d.Location?.Column ?? 0)
            .ToList();
}
