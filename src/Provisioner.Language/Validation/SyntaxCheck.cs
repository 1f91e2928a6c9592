using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Language.Playbooks;
using Provisioner.Templating;

namespace Provisioner.Language.Validation;

/// <summary>
/// What <c>prov syntax-check</c> does, minus printing: reads <c>-e</c> values and the inventory, then validates the
/// playbook; every problem from all three lands in one sorted list. Contacts no host.
/// </summary>
public static class SyntaxCheck
{
    public static ValidatedPlaybook Run(SyntaxCheckRequest request, IModuleSchemaCatalog catalog, TemplateEngine? templates = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var baseDirectory = Path.GetFullPath(request.BaseDirectory);
        var (extraVars, extraProblems) = ExtraVars.Read(request.ExtraVars, baseDirectory);
        var options = new ValidationOptions
        {
            Playbook = new PlaybookOptions { BaseDirectory = baseDirectory, ExtraVars = extraVars, RolePaths = request.RolePaths },
        };

        var problems = new List<Diagnostic>(extraProblems);
        if (request.Inventories.Count > 0)
        {
            var (inventory, inventoryProblems) = InventoryAdapter.Load(request.Inventories, request.PlaybookPath, baseDirectory);
            problems.AddRange(inventoryProblems);
            options = options with { Inventory = inventory, CheckUndefinedVariables = inventory is not null };
        }

        var validated = new PlaybookValidator(catalog, templates).Validate(request.PlaybookPath, options);
        return validated with { Diagnostics = PlaybookValidator.Sort(problems.Concat(validated.Diagnostics)) };
    }
}
