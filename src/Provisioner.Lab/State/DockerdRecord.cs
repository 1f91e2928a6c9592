namespace Provisioner.Lab.State;

/// <summary>Present only when the lab started dockerd itself; <c>down</c> stops exactly this process.</summary>
public sealed record DockerdRecord(int Pid, string PidFile, string LogFile, bool Docker0ExistedBefore)
{
    /// <summary>Whether dockerd's runtime directory (/var/run/docker) was there before the lab started dockerd.</summary>
    public bool RunDirectoryExistedBefore { get; init; } = true;
}
