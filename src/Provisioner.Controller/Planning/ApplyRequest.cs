namespace Provisioner.Controller.Planning;

/// <summary>The inputs of <c>prov apply</c> that decide the plans: playbook, inventories, extra vars and selection.</summary>
public sealed record ApplyRequest(string PlaybookPath)
{
    public IReadOnlyList<string> Inventories { get; init; } = [];

    /// <summary>Raw <c>-e</c> arguments in order: <c>key=value</c>, <c>@file.yml</c> or a <c>{...}</c> mapping.</summary>
    public IReadOnlyList<string> ExtraVars { get; init; } = [];

    public IReadOnlyList<string> RolePaths { get; init; } = [];

    public string? Limit { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> SkipTags { get; init; } = [];

    public bool Check { get; init; }

    public bool Diff { get; init; }

    /// <summary>Paths in messages are relative to this folder.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;
}
