// sysvinit: /etc/init.d scripts through service, boot links through update-rc.d.
using System.Text.RegularExpressions;
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Services;

internal sealed partial class SysVInitBackend(IFileSystem fs, IProcessRunner processes) : IServiceBackend
{
    private static readonly string[] RunLevelDirectories = ["/etc/rc0.d", "/etc/rc1.d", "/etc/rc2.d", "/etc/rc3.d", "/etc/rc4.d", "/etc/rc5.d", "/etc/rc6.d", "/etc/rcS.d"];

    public ServiceManager Manager => ServiceManager.SysVInit;

    public async Task<ServiceState> ReadAsync(string name, CancellationToken ct)
    {
        name = ScriptName(name);
        if (fs.Stat("/etc/init.d/" + name) is null)
        {
            return new ServiceState(Manager, name, "not-found", "inactive", string.Empty, false);
        }

        var status = await ServiceCommand.TryAsync(processes, ["service", name, "status"], ct).ConfigureAwait(false);
        return new ServiceState(Manager, name, "loaded", ActiveState(name, status.ExitCode), Enabled(name, Links()) ? "enabled" : "disabled", false);
    }

    /// <summary>LSB exit codes of `status`: 0 running, 1-3 not running; anything else means the script cannot tell.</summary>
    public static string ActiveState(string name, int statusExitCode) => statusExitCode switch
    {
        0 => "active",
        1 or 2 => "failed",
        3 => "inactive",
        _ => throw new ModuleException(
            $"cannot tell whether {name} runs: `service {name} status` exited {statusExitCode} (LSB: status unknown). The init script may not implement status."),
    };

    /// <summary>Enabled when a start link (S##name) exists for one of the multi-user runlevels 2-5.</summary>
    public static bool Enabled(string name, IEnumerable<string> links) =>
        links.Any(l => StartLink().Match(l) is { Success: true } m && m.Groups["level"].Value is "2" or "3" or "4" or "5" && m.Groups["name"].Value == name);

    public Task DaemonReloadAsync(CancellationToken ct) => Task.CompletedTask;

    public Task SetMaskedAsync(string name, bool masked, CancellationToken ct) =>
        throw new ModuleException($"cannot {(masked ? "mask" : "unmask")} {name}: masking needs systemd, and this host runs sysvinit. Use `enabled: no` instead.");

    public async Task SetEnabledAsync(string name, bool enabled, CancellationToken ct)
    {
        name = ScriptName(name);
        if (!Links().Any(l => LinkName().Match(Path.GetFileName(l)) is { Success: true } m && m.Groups["name"].Value == name))
        {
            // enable/disable only rename existing links; a script never installed has none yet.
            await Run(["update-rc.d", name, "defaults"], ct).ConfigureAwait(false);
        }

        await Run(["update-rc.d", name, enabled ? "enable" : "disable"], ct).ConfigureAwait(false);
    }

    public Task ControlAsync(string name, string verb, CancellationToken ct) => Run(["service", ScriptName(name), verb], ct);

    private static string ScriptName(string name) => name.EndsWith(".service", StringComparison.Ordinal) ? name[..^".service".Length] : name;

    private IEnumerable<string> Links() =>
        RunLevelDirectories.Where(d => fs.Stat(d) is not null).SelectMany(fs.List);

    private Task<ProcessResult> Run(IReadOnlyList<string> argv, CancellationToken ct) =>
        ServiceCommand.RunAsync(processes, argv, "The init script's output above says why; its logs are usually under /var/log.", ct);

    [GeneratedRegex(@"^/etc/rc(?<level>[0-6S])\.d/S\d\d(?<name>.+)$")]
    private static partial Regex StartLink();

    [GeneratedRegex(@"^[SK]\d\d(?<name>.+)$")]
    private static partial Regex LinkName();
}
