// systemd through systemctl.
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Services;

internal sealed class SystemdBackend(IProcessRunner processes) : IServiceBackend
{
    public ServiceManager Manager => ServiceManager.Systemd;

    public async Task<ServiceState> ReadAsync(string name, CancellationToken ct)
    {
        var shown = await Run(["systemctl", "show", "--property=" + string.Join(',', SystemctlShow.Properties), "--", name], ct).ConfigureAwait(false);
        var state = SystemctlShow.ToState(name, SystemctlShow.Parse(shown.Stdout));
        if (state.UnitFileState != "generated")
        {
            return state;
        }

        // Units generated from /etc/init.d scripts: only is-enabled asks the rc links (through systemd-sysv-install).
        var enabled = await ServiceCommand.TryAsync(processes, ["systemctl", "is-enabled", "--", name], ct).ConfigureAwait(false);
        var answer = enabled.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return answer is "enabled" or "disabled" ? state with { UnitFileState = answer } : state;
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
