namespace Provisioner.Language.Validation;

/// <summary>What the validator needs to know about the inventory: its hosts, every variable name it defines, and pattern matching.</summary>
public sealed record InventoryView(
    IReadOnlyCollection<string> Hosts,
    IReadOnlySet<string> VariableNames,
    Func<string, IReadOnlyCollection<string>> Match)
{
    /// <summary>Group names, offered as suggestions when a pattern matches nothing.</summary>
    public IReadOnlyCollection<string> Groups { get; init; } = [];
}
