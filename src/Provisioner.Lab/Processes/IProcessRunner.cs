namespace Provisioner.Lab.Processes;

/// <summary>Runs external programs. A non-zero exit is a result; not found, timeout and cancellation are not.</summary>
internal interface IProcessRunner
{
    /// <exception cref="LabException">The program could not be started or did not finish within its timeout.</exception>
    Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken);
}
