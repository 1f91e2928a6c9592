namespace Provisioner.Modules.Seams;

/// <summary>How a program ended and what it printed. A killed program has <see cref="TimedOut"/> set and exit code -1.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public bool TimedOut { get; init; }

    public DateTimeOffset Started { get; init; }

    public TimeSpan Duration { get; init; }
}
