// service: services started, stopped, restarted, reloaded, enabled at boot, masked; systemd or sysvinit.
using Provisioner.Core.Data;
using Provisioner.Core.Runs;
using Provisioner.Core.Schema;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Services;

internal sealed class ServiceModule(IFileSystem fs, IProcessRunner processes) : IModule<ServiceArgs, ServiceState>, IOneShotRequests<ServiceArgs>
{
    private readonly SystemdBackend _systemd = new(fs, processes);
    private readonly SysVInitBackend _sysv = new(fs, processes);

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
        Description = "Talks to systemd through systemctl; on hosts without systemd, to sysvinit through `service` and " +
            "`update-rc.d` (no masking there). `restarted` and `reloaded` always report a change (a stopped service is " +
            "started). With a name, `daemon_reload` reloads only when systemd says the unit's files changed on disk or " +
            "the unit is not loaded yet; without a name it always reloads and reports a change. An unknown unit fails the task.",
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

    ModuleSchema IModule<ServiceArgs, ServiceState>.Schema => Schema;

    public ServiceArgs Bind(ModuleArgs args) => new(
        args.String("name"),
        args.String("state"),
        args.OptionalBool("enabled"),
        args.Bool("daemon_reload"),
        args.OptionalBool("masked"));

    public IReadOnlyList<ArgError> Validate(ServiceArgs args)
    {
        var errors = new List<ArgError>();
        if (args.Name is null)
        {
            if (args.State is not null || args.Enabled is not null || args.Masked is not null)
            {
                errors.Add(new ArgError("name", "required with state, enabled or masked"));
            }
        }
        else if (args.Name.Length == 0 || args.Name.StartsWith('-') || args.Name.Any(c => char.IsWhiteSpace(c) || c is '/' or '\0'))
        {
            errors.Add(new ArgError("name", $"'{args.Name}' is not a unit name (no spaces or slashes, not starting with '-')"));
        }

        if (args.Masked == true && args.State is "started" or "restarted" or "reloaded")
        {
            errors.Add(new ArgError("masked", $"a masked unit cannot be {args.State}; use state: stopped, or masked: no"));
        }

        if (args.Masked == true && args.Enabled == true)
        {
            errors.Add(new ArgError("masked", "a masked unit cannot be enabled; use enabled: no, or masked: no"));
        }

        return errors;
    }

    public async Task<ServiceState> GetAsync(ServiceArgs args, CancellationToken ct)
    {
        var backend = Backend();
        return args.Name is null ? ServiceState.NoUnit(backend.Manager) : await backend.ReadAsync(args.Name, ct).ConfigureAwait(false);
    }

    public IReadOnlyList<DiffEntry> Compare(ServiceArgs args, ServiceState actual) => ServiceDiff.Of(args, actual);

    public async Task ApplyAsync(ServiceArgs args, ServiceState actual, IReadOnlyList<DiffEntry> diff, CancellationToken ct)
    {
        var backend = Backend(actual.Manager);
        if (args.Name is not { } name)
        {
            await backend.DaemonReloadAsync(ct).ConfigureAwait(false);
            return;
        }

        if (diff.Any(d => d.Property == "daemon_reload"))
        {
            // The unit's files changed: what to do next depends on the reloaded unit, so look again.
            await backend.DaemonReloadAsync(ct).ConfigureAwait(false);
            actual = await backend.ReadAsync(name, ct).ConfigureAwait(false);
            diff = ServiceDiff.Of(args with { DaemonReload = false }, actual);
        }

        var changes = diff.Select(d => d.Property).ToHashSet(StringComparer.Ordinal);
        if (args.Masked == false && changes.Contains("masked"))
        {
            await backend.SetMaskedAsync(name, masked: false, ct).ConfigureAwait(false);
        }

        if (args.Enabled is { } enabled && changes.Contains("enabled"))
        {
            await backend.SetEnabledAsync(name, enabled, ct).ConfigureAwait(false);
        }

        var verb = args.State switch
        {
            "started" when changes.Contains("state") => "start",
            "stopped" when changes.Contains("state") => "stop",
            "restarted" => "restart",
            "reloaded" => actual.Running ? "reload" : "start",
            _ => null,
        };
        if (verb is not null)
        {
            await backend.ControlAsync(name, verb, ct).ConfigureAwait(false);
        }

        if (args.Masked == true && changes.Contains("masked"))
        {
            await backend.SetMaskedAsync(name, masked: true, ct).ConfigureAwait(false);
        }
    }

    public ServiceArgs Settled(ServiceArgs args) => args with
    {
        State = args.IsAction ? "started" : args.State,
        DaemonReload = args.Name is not null && args.DaemonReload,
    };

    public IReadOnlyDictionary<string, object?> Returns(ServiceArgs args, ServiceState state)
    {
        var result = PlainData.NewMap();
        if (args.Name is not null)
        {
            result["name"] = state.Name;
            result["state"] = state.ActiveState;
            result["enabled"] = state.Enabled;
        }

        return result;
    }

    private IServiceBackend Backend() => fs.Stat("/run/systemd/system")?.Kind == FileKind.Directory ? _systemd : _sysv;

    private IServiceBackend Backend(ServiceManager manager) => manager == ServiceManager.Systemd ? _systemd : _sysv;
}
