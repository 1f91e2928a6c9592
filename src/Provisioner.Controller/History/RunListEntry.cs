using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.History;

/// <summary>One recorded run, as <c>prov runs</c> lists it. <see cref="Outcome"/> is null while the run has not finished (or prov died).</summary>
public sealed record RunListEntry(string Id, string User, DateTimeOffset StartedAt, string Playbook)
{
    public DateTimeOffset? FinishedAt { get; init; }

    public bool Check { get; init; }

    public bool Diff { get; init; }

    public IReadOnlyList<string> Hosts { get; init; } = [];

    public string? Outcome { get; init; }

    public IReadOnlyList<HostRecap> Recap { get; init; } = [];
}
