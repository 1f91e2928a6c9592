// service: systemd units started, stopped, restarted, enabled.
using Provisioner.Core.Schema;

namespace Provisioner.Modules.Services;

internal sealed class ServiceModule
{
    public static ModuleSchema Schema { get; } = new(
        "service",
        "Start, stop, restart or reload systemd services, and enable them at boot.",
        [
            new ArgSpec("name", ArgType.String, "Unit name (`nginx` or `nginx.service`). Required unless only `daemon_reload` is given.") { Aliases = ["service", "unit"] },
            new ArgSpec("state", ArgType.String, "`started`/`stopped`: only acts when needed; `restarted`/`reloaded`: always acts.") { Choices = ["started", "stopped", "restarted", "reloaded"] },
            new ArgSpec("enabled", ArgType.Bool, "Whether the unit starts at boot."),
            new ArgSpec("daemon_reload", ArgType.Bool, "Run `systemctl daemon-reload` first, to pick up changed unit files.") { Default = false, Aliases = ["daemon-reload"] },
            new ArgSpec("masked", ArgType.Bool, "Whether the unit is masked (cannot be started at all)."),
        ])
    {
        Aliases = ["systemd"],
        Description = "Talks to systemd through systemctl. `restarted` and `reloaded` always report a change.",
        RequiredOneOf = [["state", "enabled", "daemon_reload", "masked"]],
        Examples =
        [
            new ModuleExample("Keep nginx running and enabled", """
                - service:
                    name: nginx
                    state: started
                    enabled: yes
                """),
            new ModuleExample("Handler: reload after a configuration change", """
                - name: reload nginx
                  service:
                    name: nginx
                    state: reloaded
                """),
            new ModuleExample("Pick up a new unit file", """
                - systemd:
                    name: shop-worker
                    state: restarted
                    daemon_reload: yes
                """),
        ],
        Returns =
        [
            new ReturnSpec("name", "string", "The unit."),
            new ReturnSpec("state", "string", "ActiveState after the task (active, inactive, failed...)."),
            new ReturnSpec("enabled", "bool", "Whether the unit is enabled after the task."),
        ],
    };
}
