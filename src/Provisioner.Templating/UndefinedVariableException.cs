namespace Provisioner.Templating;

/// <summary>An expression read a variable, or a key of a map, that does not exist.</summary>
public sealed class UndefinedVariableException : TemplateException
{
    public UndefinedVariableException()
    {
        VariableName = string.Empty;
    }

    public UndefinedVariableException(string message)
        : base(message)
    {
        VariableName = string.Empty;
    }

    public UndefinedVariableException(string message, Exception innerException)
        : base(message, innerException)
    {
        VariableName = string.Empty;
    }

    public UndefinedVariableException(string variableName, string message, string? origin, int line, int column, Exception? innerException = null)
        : base(message, origin, line, column, innerException)
    {
        VariableName = variableName;
    }

    /// <summary>The variable or path that was not found, e.g. <c>nginx</c> or <c>nginx.port</c>.</summary>
    public string VariableName { get; }
}
