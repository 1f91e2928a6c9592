using Provisioner.Bootstrap;

namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>
/// One block per host as it finishes (<c>web1: changed</c>, then each step), and a recap line. Errors may span
/// several lines; they are indented under their host.
/// </summary>
internal sealed class BootstrapReportPrinter
{
    private readonly TextWriter _out;

    public BootstrapReportPrinter(TextWriter output)
    {
        _out = output;
    }

    public async Task HostDoneAsync(HostReport report)
    {
        await _out.WriteLineAsync($"{report.Host}: {Word(report.Outcome)}").ConfigureAwait(false);
        foreach (var step in report.Steps)
        {
            await _out.WriteLineAsync($"    {(step.Changed ? "changed" : "ok"),-8}{step.Name,-9}{step.Detail}").ConfigureAwait(false);
        }

        if (report.Error is { } error)
        {
            var lines = error.Split('\n');
            await _out.WriteLineAsync($"    {"FAILED",-8}{lines[0]}").ConfigureAwait(false);
            foreach (var line in lines.Skip(1))
            {
                await _out.WriteLineAsync($"            {line.TrimEnd()}").ConfigureAwait(false);
            }
        }

        await _out.FlushAsync().ConfigureAwait(false);
    }

    public async Task RecapAsync(IReadOnlyList<HostReport> reports)
    {
        await _out.WriteLineAsync().ConfigureAwait(false);
        await _out.WriteLineAsync(
            $"bootstrap: ok={reports.Count(r => r.Outcome == HostOutcome.Ok)} changed={reports.Count(r => r.Outcome == HostOutcome.Changed)} "
            + $"failed={reports.Count(r => r.Outcome == HostOutcome.Failed)}").ConfigureAwait(false);
    }

    private static string Word(HostOutcome outcome) => outcome switch
    {
        HostOutcome.Ok => "ok",
        HostOutcome.Changed => "changed",
        _ => "failed",
    };
}
