// user: local accounts, through useradd/usermod/userdel.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Users;

internal sealed class UserModule
{
    public static ModuleSchema Schema { get; } = new(
        "user",
        "Create, change or remove local user accounts.",
        [
            new ArgSpec("name", ArgType.String, "Login name.") { Required = true, Aliases = ["user"] },
            new ArgSpec("state", ArgType.String, "Whether the account should exist.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("uid", ArgType.Int, "Numeric user id."),
            new ArgSpec("group", ArgType.String, "Primary group (name or gid); it must exist. Default: a group named like the user."),
            new ArgSpec("groups", ArgType.List, "Supplementary groups. Without `append`, the user ends up in exactly these.") { Elements = ArgType.String },
            new ArgSpec("append", ArgType.Bool, "Add `groups` to the user's existing supplementary groups instead of replacing them.") { Default = false },
            new ArgSpec("shell", ArgType.Path, "Login shell."),
            new ArgSpec("home", ArgType.Path, "Home directory."),
            new ArgSpec("comment", ArgType.String, "GECOS field (full name)."),
            new ArgSpec("system", ArgType.Bool, "Create a system account (uid from the system range, no aging). Only used on creation.") { Default = false },
            new ArgSpec("create_home", ArgType.Bool, "Create the home directory when creating the account.") { Default = true, Aliases = ["createhome"] },
            new ArgSpec("password", ArgType.String, "Encrypted password hash as in /etc/shadow (`mkpasswd -m sha-512`), never clear text.") { Secret = true },
            new ArgSpec("remove", ArgType.Bool, "With state=absent, also remove the home directory and mail spool.") { Default = false },
        ])
    {
        Examples =
        [
            new ModuleExample("A system account for a service", """
                - user:
                    name: pretix
                    system: yes
                    home: /var/pretix
                    shell: /usr/sbin/nologin
                """),
            new ModuleExample("An admin who may use docker", """
                - user:
                    name: alice
                    groups: [sudo, docker]
                    append: yes
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "Login name."),
            new ReturnSpec("state", "string", "present or absent after the task."),
            new ReturnSpec("uid", "int", "User id."),
            new ReturnSpec("group", "int", "Primary gid."),
            new ReturnSpec("groups", "list", "Supplementary group names."),
            new ReturnSpec("home", "string", "Home directory."),
            new ReturnSpec("shell", "string", "Login shell."),
        ],
    };
}
