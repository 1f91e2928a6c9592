namespace Provisioner.Bootstrap.Install;

/// <summary>The install steps, and whether the host had no agent at all before (so a failure later may roll back).</summary>
internal sealed record InstallResult(IReadOnlyList<StepResult> Steps, bool Fresh)
{
    /// <summary>Whether the running agent must be restarted to pick up new files.</summary>
    public bool NeedsRestart => Steps.Any(s => s.Changed && s.Name is "agent" or "config" or "service");
}
