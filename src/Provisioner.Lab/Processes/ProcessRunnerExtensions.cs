namespace Provisioner.Lab.Processes;

internal static class ProcessRunnerExtensions
{
    /// <summary>Runs the command and turns a non-zero exit into a <see cref="LabException"/> naming the step and the fix.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(this IProcessRunner runner, ProcessSpec spec, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw Failure(spec, result);
        }

        return result;
    }

    public static LabException Failure(ProcessSpec spec, ProcessResult result)
    {
        var message = $"{spec.Step} failed (exit code {result.ExitCode}): {spec.CommandLine}";
        var tail = result.Tail();
        if (tail.Trim().Length > 0)
        {
            message += "\n" + tail;
        }

        if (spec.Hint is not null)
        {
            message += "\n  " + spec.Hint;
        }

        return new LabException(message);
    }
}
