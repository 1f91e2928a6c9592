namespace Provisioner.Controller.Reporting;

/// <summary>Where <see cref="TextReporter"/> writes lines: a plain writer, or a terminal that colours them.</summary>
public interface ITextSink
{
    /// <summary>Writes one line (without its newline).</summary>
    void WriteLine(TextStyle style, string text);
}
