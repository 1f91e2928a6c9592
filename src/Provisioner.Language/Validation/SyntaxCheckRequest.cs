namespace Provisioner.Language.Validation;

/// <summary>The inputs of <c>prov syntax-check</c>: a playbook, inventories (<c>-i</c>), extra vars (<c>-e</c>) and role paths.</summary>
public sealed record SyntaxCheckRequest(string PlaybookPath)
{
    public IReadOnlyList<string> Inventories { get; init; } = [];

    /// <summary>Raw <c>-e</c> arguments, in order.</summary>
    public IReadOnlyList<string> ExtraVars { get; init; } = [];

    public IReadOnlyList<string> RolePaths { get; init; } = [];

    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;
}
