namespace Provisioner.Modules.Seams;

/// <summary>Runs programs for the modules.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs one program to completion. A program that cannot be started throws <see cref="Abstractions.ModuleException"/>.
    /// On timeout, or when <paramref name="ct"/> is cancelled, the program's whole process group is killed; a timeout
    /// returns a result with <see cref="ProcessResult.TimedOut"/>, a cancellation then throws <see cref="OperationCanceledException"/>.
    /// </summary>
    Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct);
}
