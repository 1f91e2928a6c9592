using System.CommandLine;
using Provisioner.Security.Authority;

namespace Provisioner.Cli.Commands.Ca;

/// <summary>Where the CA lives; every <c>prov ca</c> subcommand takes these.</summary>
internal sealed class CaOptions
{
    public Option<string?> Directory { get; } = new("--dir")
    {
        Description = "The CA directory (default: STATE_DIR/ca, else ~/.local/share/prov/ca)",
        HelpName = "DIR",
    };

    public Option<string?> StateDirectory { get; } = new("--state-dir")
    {
        Description = "prov's state directory; the CA is its ca/ folder",
        HelpName = "DIR",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Directory);
        command.Options.Add(StateDirectory);
    }

    public CaLayout Layout(ParseResult parse) =>
        new(parse.GetValue(Directory) is { Length: > 0 } dir ? dir : CaLayout.DefaultDirectory(parse.GetValue(StateDirectory)));
}
