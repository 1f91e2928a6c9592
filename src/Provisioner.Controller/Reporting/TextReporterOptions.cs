namespace Provisioner.Controller.Reporting;

/// <summary>How much <see cref="TextReporter"/> shows.</summary>
public sealed record TextReporterOptions
{
    /// <summary>Number of <c>-v</c>: 1 shows each task's result, 2 adds task ids and per-host run ends, 3 adds debug log lines.</summary>
    public int Verbosity { get; init; }

    /// <summary><c>--diff</c>: print each change as a unified diff.</summary>
    public bool ShowDiff { get; init; }

    /// <summary>Width banners are padded to (the terminal's, or 80).</summary>
    public int Width { get; init; } = 80;
}
