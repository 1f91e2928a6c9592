namespace Provisioner.Site.Tests.Support;

/// <summary>How a program ended; <see cref="Describe"/> is what a failing assertion shows.</summary>
internal sealed record ProgramResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public string Describe() => $"`{CommandLine}` exited {ExitCode}\nstdout:\n{Tail(Stdout)}\nstderr:\n{Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
