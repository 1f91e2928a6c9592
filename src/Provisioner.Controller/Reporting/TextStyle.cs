namespace Provisioner.Controller.Reporting;

/// <summary>What a line of text output is, so that a terminal sink can colour it (Ansible's colours).</summary>
public enum TextStyle
{
    Plain,
    Banner,
    Ok,
    Changed,
    Failed,
    Skipped,
    Unreachable,
    Warning,
    Verbose,
    DiffHeader,
    DiffHunk,
    DiffAdded,
    DiffRemoved,
}
