namespace Provisioner.Modules.Seams;

/// <summary>One program to run: argv exactly as given (never a shell string), plus its environment and input.</summary>
public sealed record ProcessRequest(IReadOnlyList<string> Argv)
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables added to (or replacing) the agent's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Text written to standard input, which is then closed; null gives an empty, closed stdin.</summary>
    public string? Stdin { get; init; }

    /// <summary>After this long the whole process group is killed and the result says <see cref="ProcessResult.TimedOut"/>.</summary>
    public TimeSpan? Timeout { get; init; }
}
