namespace Provisioner.Modules.Flow;

/// <summary>debug: what to print, and the variable's name when <c>var</c> was used.</summary>
internal sealed record DebugArgs(object? Value, string? Var, long Verbosity);
