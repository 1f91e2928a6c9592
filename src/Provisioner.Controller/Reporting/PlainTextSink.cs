namespace Provisioner.Controller.Reporting;

/// <summary>Lines to a <see cref="TextWriter"/>, without colour.</summary>
public sealed class PlainTextSink(TextWriter writer) : ITextSink
{
    public void WriteLine(TextStyle style, string text) => writer.WriteLine(text);
}
