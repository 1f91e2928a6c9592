namespace Provisioner.Core.Runs;

/// <summary>Outcome of one task on one host; derived by the engine, never set by a module.</summary>
public enum TaskStatus
{
    Ok,
    Changed,
    Failed,
    Skipped,
    Rescued,
    Ignored,
}
