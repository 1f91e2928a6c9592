namespace Provisioner.Core.Runs;

public enum RunStatus
{
    Running,
    Succeeded,
    Failed,
    /// <summary>The agent died or restarted mid-run: never reported as success.</summary>
    Interrupted,
    Cancelled,
}
