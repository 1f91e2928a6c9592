using Provisioner.Core.Diagnostics;
using Provisioner.Core.Playbooks;
using Provisioner.Core.Schema;

namespace Provisioner.Language.Validation;

/// <summary>Checks every task's arguments against its module's schema, each problem located at the argument it is about.</summary>
internal static class ModuleArgsCheck
{
    public static void Run(Playbook playbook, IModuleSchemaCatalog catalog, IReadOnlySet<SourceLocation> unreadable, DiagnosticBag diagnostics)
    {
        foreach (var task in TaskWalker.All(playbook))
        {
            if (unreadable.Contains(task.ModuleLocation) || catalog.Find(task.Module) is not { } schema)
            {
                continue;
            }

            foreach (var error in SchemaValidator.Validate(schema, task.Args))
            {
                var at = Locate(task, schema, error.Argument);
                diagnostics.Error(at, error.Argument.Length == 0 ? error.Message
                    : error.Argument == schema.FreeForm ? $"{task.Module}: {error.Message}" // meta: `end_play` is not one of …
                    : $"argument '{error.Argument}': {error.Message}");
            }
        }
    }

    /// <summary>The key as written (possibly an alias); a missing argument is reported at the module key.</summary>
    private static SourceLocation Locate(TaskSpec task, ModuleSchema schema, string argument)
    {
        if (task.ArgLocations.TryGetValue(argument, out var direct))
        {
            return direct;
        }

        var spec = schema.Find(argument);
        var written = spec is null ? null : task.ArgLocations.FirstOrDefault(l => schema.Find(l.Key) == spec).Value;
        return written ?? task.ModuleLocation;
    }
}
