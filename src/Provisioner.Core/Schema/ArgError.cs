namespace Provisioner.Core.Schema;

/// <summary>One problem with one argument of a task.</summary>
public sealed record ArgError(string Argument, string Message)
{
    public override string ToString() => Argument.Length == 0 ? Message : $"{Argument}: {Message}";
}
