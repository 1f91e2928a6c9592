namespace Provisioner.Controller.Dispatch;

/// <summary>How one host's run of one play ended, as far as the strategy is concerned.</summary>
internal enum HostResult
{
    Ok,
    Failed,
    Unreachable,
    Cancelled,
}
