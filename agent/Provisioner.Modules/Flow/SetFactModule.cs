// set_fact: variables for the rest of the play on this host.
using Provisioner.Core.Data;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Flow;

internal sealed class SetFactModule : IActionModule<SetFactArgs>
{
    public static ModuleSchema Schema { get; } = new(
        "set_fact",
        "Set variables for the rest of the play on this host; every key is a variable name.",
        [
            new ArgSpec("cacheable", ArgType.Bool, "Accepted for compatibility; facts are not cached between runs.") { Default = false },
        ])
    {
        AcceptsUndeclaredArguments = true,
        IsAction = true,
        Description = "Values are rendered before they are set, so they may use other variables and registered results.",
        Examples =
        [
            new ModuleExample("Compute a value once", """
                - set_fact:
                    shop_url: "https://{{ shop.domain }}/"
                    is_primary: "{{ inventory_hostname == groups.db[0] }}"
                """),
        ],
        Returns =
        [
            new ReturnSpec("ansible_facts", "dict", "The variables that were set."),
        ],
    };

    ModuleSchema IActionModule<SetFactArgs>.Schema => Schema;

    public SetFactArgs Bind(ModuleArgs args)
    {
        var vars = PlainData.NewMap();
        foreach (var (name, value) in args.Values.Where(v => v.Key != "cacheable"))
        {
            vars[name] = PlainData.Clone(value);
        }

        return new SetFactArgs(vars);
    }

    public IReadOnlyList<ArgError> Validate(SetFactArgs args)
    {
        var errors = args.Vars.Keys
            .Where(name => name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            .Select(name => new ArgError(name, "not a valid variable name (letters, digits and _, not starting with a digit)"))
            .ToList();
        if (args.Vars.Count == 0)
        {
            errors.Add(new ArgError(string.Empty, "set_fact needs at least one variable"));
        }

        return errors;
    }

    public Task<ModuleOutcome> RunAsync(SetFactArgs args, bool check, CancellationToken ct)
    {
        var returns = PlainData.NewMap();
        returns["ansible_facts"] = args.Vars;
        return Task.FromResult(new ModuleOutcome { Facts = args.Vars, Returns = returns });
    }
}
