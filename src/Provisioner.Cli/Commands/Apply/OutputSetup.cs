using Provisioner.Controller.Reporting;
using Spectre.Console;

namespace Provisioner.Cli.Commands.Apply;

/// <summary>
/// The reporter a command prints through: JSON lines, or text; on a terminal the text is coloured and gets a live
/// status line, otherwise it is plain (also when NO_COLOR is set).
/// </summary>
internal sealed class OutputSetup : IDisposable
{
    private readonly LiveStatus? _live;

    private OutputSetup(IRunReporter reporter, LiveStatus? live)
    {
        Reporter = reporter;
        _live = live;
    }

    public IRunReporter Reporter { get; }

    public static bool IsJson(string output) => output == "json";

    public static OutputSetup Create(string output, TextReporterOptions options, bool live)
    {
        if (IsJson(output))
        {
            return new OutputSetup(new JsonLinesReporter(Console.Out), null);
        }

        var terminal = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        if (!terminal)
        {
            return new OutputSetup(new TextReporter(new PlainTextSink(Console.Out), options), null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        var sink = new ConsoleTextSink(console);
        var text = new TextReporter(sink, options with { Width = sink.Width });
        if (!live)
        {
            return new OutputSetup(text, null);
        }

        var status = new LiveStatus(sink, TimeProvider.System);
        return new OutputSetup(new TeeReporter(status, text), status);
    }

    public void Dispose() => _live?.Dispose();
}
