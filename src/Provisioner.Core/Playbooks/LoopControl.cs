namespace Provisioner.Core.Playbooks;

/// <summary><c>loop_control</c>: the loop variable's name, an index variable and a label template for output.</summary>
public sealed record LoopControl
{
    public string LoopVar { get; init; } = "item";

    public string? IndexVar { get; init; }

    public string? Label { get; init; }
}
