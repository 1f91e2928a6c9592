namespace Provisioner.Controller.Dispatch;

/// <summary>How a run ended as a whole; the CLI maps it to an exit code (0, 2, 3, 1).</summary>
public enum RunOutcome
{
    Ok,

    /// <summary>A task failed on some host, or a host's run failed (takes precedence over unreachable).</summary>
    Failed,

    /// <summary>No failure, but some host could not be reached.</summary>
    Unreachable,

    Cancelled,
}
