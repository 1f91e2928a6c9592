// set_fact: variables for the rest of the play on this host.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Flow;

internal sealed class SetFactModule
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
}
