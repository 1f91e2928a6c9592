namespace Provisioner.Core.Diagnostics;

/// <summary>One finding about the user's input, printed as <c>path:line:col: error: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourceLocation? Location, string Message)
{
    public static Diagnostic Error(SourceLocation? location, string message) => new(Severity.Error, location, message);

    public static Diagnostic Warning(SourceLocation? location, string message) => new(Severity.Warning, location, message);

    public override string ToString()
    {
        var level = Severity == Severity.Error ? "error" : "warning";
        return Location is null ? $"{level}: {Message}" : $"{Location}: {level}: {Message}";
    }
}
