using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Language.Inventory;
using Provisioner.Language.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Templating;

namespace Provisioner.Controller.Planning;

/// <summary>
/// Everything <c>prov apply</c> does before contacting a host: reads <c>-e</c> values and the inventory, validates the
/// playbook against the module schemas and the inventory, and compiles the plans. Every problem of all of these is
/// reported together in one <see cref="InvalidInputException"/>, sorted by position.
/// </summary>
public sealed class RunPreparer
{
    private readonly IModuleSchemaCatalog _catalog;
    private readonly TemplateEngine _templates;

    public RunPreparer(IModuleSchemaCatalog catalog, TemplateEngine? templates = null)
    {
        _catalog = catalog;
        _templates = templates ?? new TemplateEngine();
    }

    public CompiledPlaybook Prepare(ApplyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseDirectory = Path.GetFullPath(request.BaseDirectory);
        var problems = new List<Diagnostic>();

        var (extraVars, extraProblems) = ExtraVars.Read(request.ExtraVars, baseDirectory);
        problems.AddRange(extraProblems);
        var secretExtra = request.ExtraVars
            .Where(a => a.StartsWith('@') && SecretNames.IsSecretFile(a[1..]))
            .SelectMany(a => ExtraVars.Read([a], baseDirectory).Vars.Keys)
            .ToList();

        Core.Inventory.Inventory? inventory = null;
        try
        {
            var playbookDirectory = Path.GetDirectoryName(Path.GetFullPath(request.PlaybookPath, baseDirectory));
            var loaded = InventoryLoader.Load(request.Inventories.Select(s => Path.GetFullPath(s, baseDirectory)).ToList(), playbookDirectory, baseDirectory);
            inventory = loaded.Inventory;
            problems.AddRange(loaded.Warnings);
        }
        catch (InvalidInputException ex)
        {
            problems.AddRange(ex.Diagnostics);
        }

        var options = new ValidationOptions
        {
            Playbook = new PlaybookOptions { BaseDirectory = baseDirectory, ExtraVars = extraVars, RolePaths = request.RolePaths },
            Inventory = inventory,
            CheckUndefinedVariables = inventory is not null,
        };
        var validated = new PlaybookValidator(_catalog, _templates).Validate(Path.GetFullPath(request.PlaybookPath, baseDirectory), options);
        problems.AddRange(validated.Diagnostics);
        if (inventory is null || problems.Any(p => p.Severity == Severity.Error))
        {
            throw new InvalidInputException(PlaybookValidator.Sort(problems.Distinct()));
        }

        var compileOptions = new CompileOptions
        {
            ExtraVars = extraVars,
            SecretExtraVars = secretExtra,
            Limit = request.Limit,
            Tags = request.Tags,
            SkipTags = request.SkipTags,
            Check = request.Check,
            Diff = request.Diff,
        };
        try
        {
            var compiled = new PlanCompiler(_templates).Compile(validated, inventory, compileOptions);
            return compiled with { Warnings = PlaybookValidator.Sort(problems.Concat(compiled.Warnings).Distinct()) };
        }
        catch (InvalidInputException ex)
        {
            throw new InvalidInputException(PlaybookValidator.Sort(problems.Concat(ex.Diagnostics).Distinct()));
        }
    }
}
