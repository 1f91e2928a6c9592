namespace Provisioner.Core.Schema;

/// <summary>One argument of a module: declared once, read by the validator, <c>prov doc</c> and the agent.</summary>
public sealed record ArgSpec(string Name, ArgType Type, string Description)
{
    public bool Required { get; init; }

    /// <summary>Plain-data default, or null when the argument has none.</summary>
    public object? Default { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>For <see cref="ArgType.List"/>: the type of each element.</summary>
    public ArgType? Elements { get; init; }

    /// <summary>Value is secret (a password): masked in every event and log line.</summary>
    public bool Secret { get; init; }
}
