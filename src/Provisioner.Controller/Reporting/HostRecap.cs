namespace Provisioner.Controller.Reporting;

/// <summary>
/// One line of PLAY RECAP, counted as Ansible counts: per task (not per loop item); <see cref="Ok"/> includes changed
/// and ignored tasks and gathered facts; <see cref="Unreachable"/> is 0 or 1.
/// </summary>
public sealed record HostRecap(string Host)
{
    public int Ok { get; init; }

    public int Changed { get; init; }

    public int Unreachable { get; init; }

    public int Failed { get; init; }

    public int Skipped { get; init; }

    public int Rescued { get; init; }

    public int Ignored { get; init; }
}
