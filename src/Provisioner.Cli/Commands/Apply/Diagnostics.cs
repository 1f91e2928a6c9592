using Provisioner.Core.Diagnostics;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>Prints diagnostics (path:line:col: error: message) and the tally, as syntax-check does.</summary>
internal static class Diagnostics
{
    public static async Task WriteAsync(TextWriter writer, IReadOnlyList<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            await writer.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count - errors;
        await writer.WriteLineAsync($"{Count(errors, "error")}, {Count(warnings, "warning")}; no host was contacted").ConfigureAwait(false);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
