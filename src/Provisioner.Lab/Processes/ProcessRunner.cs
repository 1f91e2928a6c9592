using System.ComponentModel;
using System.Diagnostics;
using Serilog;

namespace Provisioner.Lab.Processes;

/// <summary>Runs programs with <see cref="ProcessStartInfo.ArgumentList"/>, captures output, kills the whole tree on timeout.</summary>
internal sealed class ProcessRunner(TimeProvider time, ILogger log) : IProcessRunner
{
    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Stable, parseable messages from every tool.
        info.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = info };
        log.Debug("Running {Command}", spec.CommandLine);
        var started = time.GetTimestamp();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new LabException($"{spec.Step}: cannot run '{spec.FileName}': {ex.Message}." + (spec.Hint is null ? string.Empty : " " + spec.Hint), ex);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var deadline = new CancellationTokenSource(spec.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LabException(
                $"{spec.Step} did not finish within {spec.Timeout.TotalSeconds:0} s and was killed: {spec.CommandLine}"
                + (spec.Hint is null ? string.Empty : "\n  " + spec.Hint));
        }

        var result = new ProcessResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), time.GetElapsedTime(started));
        log.Debug("{Step}: exit {ExitCode} after {Seconds:0.0} s", spec.Step, result.ExitCode, result.Elapsed.TotalSeconds);
        return result;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the timeout and the kill.
        }
    }
}
