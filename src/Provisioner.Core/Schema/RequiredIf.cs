namespace Provisioner.Core.Schema;

/// <summary>When <see cref="Argument"/> equals <see cref="Value"/>, every one of <see cref="Requires"/> must be given.</summary>
public sealed record RequiredIf(string Argument, string Value, IReadOnlyList<string> Requires);
