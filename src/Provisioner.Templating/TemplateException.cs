using Provisioner.Core.Diagnostics;

namespace Provisioner.Templating;

/// <summary>
/// An expression or template could not be parsed or evaluated. The message names the source, the line:column
/// inside the template and what to do.
/// </summary>
public class TemplateException : ProvisionerException
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateException(string message, string? origin, int line, int column, Exception? innerException = null)
        : base(message, innerException!)
    {
        Origin = origin;
        Line = line;
        Column = column;
    }

    /// <summary>What was being evaluated (a file, or a description such as "site.yml:12:9"), if known.</summary>
    public string? Origin { get; }

    /// <summary>1-based line inside the template or expression; 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column inside the template or expression; 0 when unknown.</summary>
    public int Column { get; }
}
