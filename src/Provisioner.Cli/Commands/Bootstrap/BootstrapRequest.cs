namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>The <c>prov bootstrap</c> command line, parsed.</summary>
internal sealed record BootstrapRequest
{
    public required IReadOnlyList<string> Inventories { get; init; }

    public string? Limit { get; init; }

    public int Forks { get; init; }

    public string? KnownHosts { get; init; }

    public bool AcceptNewHostKeys { get; init; }

    public bool AskPass { get; init; }

    public string? KeyFile { get; init; }

    public string? AgentBinary { get; init; }

    public bool Uninstall { get; init; }

    public string? StateDirectory { get; init; }

    public string? CaDirectory { get; init; }

    public string? InstallRoot { get; init; }

    public int ConnectTimeoutSeconds { get; init; }

    public int CommandTimeoutSeconds { get; init; }
}
