namespace Provisioner.Cli.Commands.Inventory;

/// <summary>What <c>prov inventory</c> was asked for.</summary>
internal sealed record InventoryRequest(
    IReadOnlyList<string> Sources,
    bool List,
    bool Graph,
    string? GraphGroup,
    string? Host,
    string? PlaybookDir,
    string? Limit);
