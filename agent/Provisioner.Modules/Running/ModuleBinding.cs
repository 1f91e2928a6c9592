using Provisioner.Core.Diagnostics;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Running;

/// <summary>The steps every runner takes before touching the host: schema check, Bind, the module's own Validate.</summary>
internal static class ModuleBinding
{
    public static (TArgs? Args, ModuleOutcome? Failure) Bind<TArgs>(
        ModuleSchema schema,
        ModuleArgs args,
        Func<ModuleArgs, TArgs> bind,
        Func<TArgs, IReadOnlyList<ArgError>> validate)
        where TArgs : class
    {
        var errors = SchemaValidator.Validate(schema, args.Values);
        if (errors.Count > 0)
        {
            return (null, ArgumentsFailed(schema, errors));
        }

        TArgs typed;
        try
        {
            typed = bind(args);
        }
        catch (Exception e) when (e is ArgumentException or ProvisionerException)
        {
            return (null, ModuleOutcome.Fail($"{schema.Name}: {e.Message}"));
        }

        errors = validate(typed);
        return errors.Count > 0 ? (null, ArgumentsFailed(schema, errors)) : (typed, null);
    }

    /// <summary>Failures of the host or of the module's work (not bugs): they become a failed outcome.</summary>
    public static bool IsHostFailure(Exception e) =>
        e is ProvisionerException or IOException or UnauthorizedAccessException;

    private static ModuleOutcome ArgumentsFailed(ModuleSchema schema, IReadOnlyList<ArgError> errors) =>
        ModuleOutcome.Fail($"invalid arguments for module `{schema.Name}`: {string.Join("; ", errors)}");
}
