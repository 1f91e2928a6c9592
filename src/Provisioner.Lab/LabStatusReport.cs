using Provisioner.Lab.State;

namespace Provisioner.Lab;

/// <summary>What <c>prov lab status</c> found; <see cref="State"/> is null when there is no lab in the state directory.</summary>
public sealed record LabStatusReport(LabPaths Paths, LabState? State, bool DockerAnswers, bool DockerdStartedByLab, bool AptCacherRunning, int AgentPort, IReadOnlyList<LabHostStatus> Hosts)
{
    public bool AllSshAnswer => Hosts.Count > 0 && Hosts.All(h => h.SshAnswers);
}
