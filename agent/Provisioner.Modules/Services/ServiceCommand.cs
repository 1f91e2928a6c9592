// Runs one init-system command; a failure names the command, its output and where to look next.
using Provisioner.Modules.Abstractions;
using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Services;

internal static class ServiceCommand
{
    // systemd's own start timeout is 90 s by default; leave room for units that raise it.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<ProcessResult> RunAsync(IProcessRunner processes, IReadOnlyList<string> argv, string hint, CancellationToken ct)
    {
        var result = await TryAsync(processes, argv, ct).ConfigureAwait(false);
        if (result.TimedOut)
        {
            throw new ModuleException($"`{CommandLine.Join(argv)}` did not finish within {Timeout.TotalMinutes:0} minutes and was killed. {hint}");
        }

        if (result.ExitCode != 0)
        {
            var output = (result.Stderr.Trim() + "\n" + result.Stdout.Trim()).Trim();
            throw new ModuleException($"`{CommandLine.Join(argv)}` failed (exit {result.ExitCode}){(output.Length > 0 ? ": " + output : string.Empty)}. {hint}");
        }

        return result;
    }

    public static Task<ProcessResult> TryAsync(IProcessRunner processes, IReadOnlyList<string> argv, CancellationToken ct) =>
        processes.RunAsync(new ProcessRequest(argv) { Timeout = Timeout, Environment = new Dictionary<string, string> { ["SYSTEMD_PAGER"] = string.Empty } }, ct);
}
