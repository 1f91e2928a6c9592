// group: local groups, through groupadd/groupmod/groupdel.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Users;

internal sealed class GroupModule
{
    public static ModuleSchema Schema { get; } = new(
        "group",
        "Create, change or remove local groups.",
        [
            new ArgSpec("name", ArgType.String, "Group name.") { Required = true },
            new ArgSpec("state", ArgType.String, "Whether the group should exist.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("gid", ArgType.Int, "Numeric group id."),
            new ArgSpec("system", ArgType.Bool, "Create a system group (gid from the system range). Only used on creation.") { Default = false },
        ])
    {
        Examples =
        [
            new ModuleExample("A group for deploy users", """
                - group:
                    name: deploy
                    gid: 2001
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "Group name."),
            new ReturnSpec("state", "string", "present or absent after the task."),
            new ReturnSpec("gid", "int", "Group id."),
            new ReturnSpec("system", "bool", "Whether a system group was asked for."),
        ],
    };
}
