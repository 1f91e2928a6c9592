namespace Provisioner.Core.Schema;

/// <summary>Everything known about a module without running it.</summary>
public sealed record ModuleSchema(string Name, string Summary, IReadOnlyList<ArgSpec> Arguments)
{
    /// <summary>Other names the module answers to (<c>package</c> for <c>apt</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public string Description { get; init; } = string.Empty;

    /// <summary>Groups of arguments of which at most one may be given.</summary>
    public IReadOnlyList<IReadOnlyList<string>> MutuallyExclusive { get; init; } = [];

    /// <summary>Groups of arguments of which at least one must be given.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RequiredOneOf { get; init; } = [];

    /// <summary>Pairs (argument, value) that require further arguments: state=link requires src.</summary>
    public IReadOnlyList<RequiredIf> RequiredIf { get; init; } = [];

    /// <summary>Name of the argument that takes the free-form text (<c>command: ls -l</c>), if any.</summary>
    public string? FreeForm { get; init; }

    /// <summary>Keys not declared in <see cref="Arguments"/> are accepted as data (set_fact: every key is a variable).</summary>
    public bool AcceptsUndeclaredArguments { get; init; }

    public IReadOnlyList<ModuleExample> Examples { get; init; } = [];

    public IReadOnlyList<ReturnSpec> Returns { get; init; } = [];

    /// <summary>False for modules that cannot predict their effect (command, shell): skipped in check mode.</summary>
    public bool SupportsCheckMode { get; init; } = true;

    /// <summary>Changes nothing on the host; works on variables and output only (debug, set_fact, assert, fail).</summary>
    public bool IsAction { get; init; }

    public ArgSpec? Find(string name) =>
        Arguments.FirstOrDefault(a => a.Name == name || a.Aliases.Contains(name));
}
