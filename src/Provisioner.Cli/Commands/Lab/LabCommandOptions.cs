using System.CommandLine;

namespace Provisioner.Cli.Commands.Lab;

/// <summary>Options every <c>prov lab</c> subcommand takes.</summary>
internal sealed class LabCommandOptions
{
    public const string DefaultStateDirectory = ".prov/lab";

    public Option<string> StateDirectory { get; } = new("--state-dir")
    {
        Description = "Where the lab keeps its state, key, known_hosts, inventory and caches.",
        DefaultValueFactory = _ => DefaultStateDirectory,
        HelpName = "DIR",
    };

    public Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log every external command the lab runs.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(StateDirectory);
        command.Options.Add(Verbose);
    }
}
