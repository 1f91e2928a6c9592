namespace Provisioner.Cli.Commands.Apply;

/// <summary>What the connection options said, with the state directory resolved.</summary>
internal sealed record ConnectionChoice(string Connection, string StateDirectory)
{
    public string? AgentPath { get; init; }

    public string? CaDirectory { get; init; }

    public int Verbosity { get; init; }
}
