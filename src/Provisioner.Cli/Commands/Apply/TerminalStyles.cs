using Provisioner.Controller.Reporting;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>Ansible's colours for each kind of line, as Spectre.Console markup styles.</summary>
internal static class TerminalStyles
{
    public static string? Of(TextStyle style) => style switch
    {
        TextStyle.Banner => "bold",
        TextStyle.Ok => "green",
        TextStyle.Changed => "yellow",
        TextStyle.Failed => "red",
        TextStyle.Skipped => "cyan",
        TextStyle.Unreachable => "bold red",
        TextStyle.Warning => "fuchsia",
        TextStyle.Verbose => "blue",
        TextStyle.DiffHeader => "bold",
        TextStyle.DiffHunk => "cyan",
        TextStyle.DiffAdded => "green",
        TextStyle.DiffRemoved => "red",
        _ => null,
    };
}
