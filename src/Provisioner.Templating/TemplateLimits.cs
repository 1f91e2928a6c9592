namespace Provisioner.Templating;

/// <summary>Bounds on one evaluation, so that hostile or buggy templates cannot hang or exhaust the process.</summary>
public sealed record TemplateLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static TemplateLimits Default { get; } = new();

    /// <summary>Loop iterations allowed per outermost loop, nested loops included (Scriban's cumulative loop budget).</summary>
    public int LoopLimit { get; init; } = 100_000;

    /// <summary>Depth of nested function calls.</summary>
    public int RecursionLimit { get; init; } = 100;

    /// <summary>Characters one render may produce; also bounds any single string built while evaluating.</summary>
    public int MaxOutputChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Wall-clock time one evaluation may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}
