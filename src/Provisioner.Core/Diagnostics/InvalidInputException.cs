namespace Provisioner.Core.Diagnostics;

/// <summary>The user's playbook, inventory or arguments are wrong; carries every diagnostic found (exit code 4).</summary>
public sealed class InvalidInputException : ProvisionerException
{
    public InvalidInputException(IReadOnlyList<Diagnostic> diagnostics)
        : base(diagnostics.Count == 0 ? "invalid input" : diagnostics[0].ToString())
    {
        Diagnostics = diagnostics;
    }

    public InvalidInputException()
        : this([])
    {
    }

    public InvalidInputException(string message)
        : this([Diagnostic.Error(null, message)])
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [Diagnostic.Error(null, message)];
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
