using Provisioner.Controller.Planning;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>Everything <c>prov apply</c> was given.</summary>
internal sealed record ApplyOptions(ApplyRequest Request)
{
    public int Forks { get; init; } = 50;

    public int Verbosity { get; init; }

    public string Output { get; init; } = "text";

    public string Connection { get; init; } = Connections.Agent;

    public string? AgentPath { get; init; }

    public string? StateDir { get; init; }
}
