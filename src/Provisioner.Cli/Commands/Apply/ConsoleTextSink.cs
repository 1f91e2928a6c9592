using Provisioner.Controller.Reporting;
using Spectre.Console;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>
/// Text output on a terminal: lines in colour (Spectre.Console), and below them one live status line that says what
/// each host is doing while tasks take long; the status line is cleared before each line and drawn again after it.
/// </summary>
internal sealed class ConsoleTextSink : ITextSink
{
    private const string ClearLine = "\r\u001b[2K";

    private readonly Lock _gate = new();
    private readonly IAnsiConsole _console;
    private string _status = string.Empty;

    public ConsoleTextSink(IAnsiConsole console)
    {
        _console = console;
    }

    public int Width => _console.Profile.Width;

    public void WriteLine(TextStyle style, string text)
    {
        lock (_gate)
        {
            ClearStatus();
            var markup = TerminalStyles.Of(style) is { } color && text.Length > 0
                ? $"[{color}]{Markup.Escape(text)}[/]"
                : Markup.Escape(text);
            _console.MarkupLine(markup);
            DrawStatus();
        }
    }

    /// <summary>Replaces the live status line (empty: none).</summary>
    public void SetStatus(string status)
    {
        lock (_gate)
        {
            ClearStatus();
            _status = status.Length > Width - 1 ? status[..Math.Max(0, Width - 2)] + "…" : status;
            DrawStatus();
        }
    }

    private void ClearStatus()
    {
        if (_status.Length > 0)
        {
            _console.Write(new ControlCode(ClearLine));
        }
    }

    private void DrawStatus()
    {
        if (_status.Length > 0)
        {
            _console.Markup($"[dim]{Markup.Escape(_status)}[/]");
        }
    }
}
