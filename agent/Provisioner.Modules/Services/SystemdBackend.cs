// systemd through systemctl.
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Services;

internal sealed class SystemdBackend(IFileSystem fs, IProcessRunner processes) : IServiceBackend
{
    /// <summary>Where administrators and tools write a unit's drop-ins (UNIT.d/*.conf); the vendor's are left to packages.</summary>
    private static readonly string[] DropInRoots = ["/etc/systemd/system", "/run/systemd/system"];

    public ServiceManager Manager => ServiceManager.Systemd;

    public async Task<ServiceState> ReadAsync(string name, CancellationToken ct)
    {
        var shown = await Run(["systemctl", "show", "--property=" + string.Join(',', SystemctlShow.Properties), "--", name], ct).ConfigureAwait(false);
        var properties = SystemctlShow.Parse(shown.Stdout);
        var state = SystemctlShow.ToState(name, properties);
        if (state.Found && !state.NeedDaemonReload && DropInsChanged(state.Name, properties.GetValueOrDefault("DropInPaths") ?? string.Empty))
        {
            state = state with { NeedDaemonReload = true };
        }

        if (state.UnitFileState != "generated")
        {
            return state;
        }

        // Units generated from /etc/init.d scripts: only is-enabled asks the rc links (through systemd-sysv-install).
        var enabled = await ServiceCommand.TryAsync(processes, ["systemctl", "is-enabled", "--", name], ct).ConfigureAwait(false);
        var answer = enabled.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return answer is "enabled" or "disabled" ? state with { UnitFileState = answer } : state;
    }

    /// <summary>
    /// Whether the unit's drop-ins on disk differ from those systemd loaded. systemd's own NeedDaemonReload misses a
    /// drop-in written into a UNIT.d directory that did not exist at the last daemon-reload (systemd 252).
    /// </summary>
    private bool DropInsChanged(string unit, string loadedPaths)
    {
        var loaded = loadedPaths.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => DropInRoots.Any(root => Path.GetDirectoryName(p) == $"{root}/{unit}.d"))
            .ToHashSet(StringComparer.Ordinal);
        var onDisk = DropInRoots
            .Select(root => $"{root}/{unit}.d")
            .Where(directory => fs.Stat(directory)?.Kind == FileKind.Directory)
            .SelectMany(fs.List)
            .Where(p => p.EndsWith(".conf", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        return !onDisk.SetEquals(loaded);
    }

    public Task DaemonReloadAsync(CancellationToken ct) => Run(["systemctl", "daemon-reload"], ct);

    public Task SetMaskedAsync(string name, bool masked, CancellationToken ct) => Run(["systemctl", masked ? "mask" : "unmask", "--", name], ct);

    public Task SetEnabledAsync(string name, bool enabled, CancellationToken ct) => Run(["systemctl", enabled ? "enable" : "disable", "--", name], ct);

    public Task ControlAsync(string name, string verb, CancellationToken ct) => Run(["systemctl", verb, "--", name], ct, name);

    private Task<ProcessResult> Run(IReadOnlyList<string> argv, CancellationToken ct, string? unit = null) =>
        ServiceCommand.RunAsync(
            processes,
            argv,
            unit is null ? "Check that systemd runs on this host (`systemctl is-system-running`)." : $"`systemctl status {unit}` and `journalctl -xeu {unit}` show why.",
            ct);
}
