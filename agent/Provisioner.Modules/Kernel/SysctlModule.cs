// sysctl: kernel parameters, persisted in a sysctl.d file and applied to the running kernel.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Kernel;

internal sealed class SysctlModule
{
    public static ModuleSchema Schema { get; } = new(
        "sysctl",
        "Set a kernel parameter in a sysctl file and in the running kernel.",
        [
            new ArgSpec("name", ArgType.String, "Parameter, dotted (`net.ipv4.ip_forward`).") { Required = true, Aliases = ["key"] },
            new ArgSpec("value", ArgType.String, "Desired value (required with state=present).") { Aliases = ["val"] },
            new ArgSpec("state", ArgType.String, "Whether the setting should be in the file.") { Default = "present", Choices = ["present", "absent"] },
            new ArgSpec("sysctl_file", ArgType.Path, "File that persists the setting.") { Default = "/etc/sysctl.conf" },
            new ArgSpec("reload", ArgType.Bool, "Also set the value in the running kernel (/proc/sys) when state=present.") { Default = true },
            new ArgSpec("ignoreerrors", ArgType.Bool, "Ignore an unknown parameter when setting the running value.") { Default = false },
        ])
    {
        Description = "The running value is compared too: a parameter set in the file but not live is a change. " +
            "Values are compared with whitespace normalised (`4096 87380 6291456`).",
        RequiredIf = [new RequiredIf("state", "present", ["value"])],
        Examples =
        [
            new ModuleExample("Let Redis overcommit memory", """
                - sysctl:
                    name: vm.overcommit_memory
                    value: "1"
                    sysctl_file: /etc/sysctl.d/60-redis.conf
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "The parameter."),
            new ReturnSpec("value", "string", "Its running value after the task."),
        ],
    };
}
