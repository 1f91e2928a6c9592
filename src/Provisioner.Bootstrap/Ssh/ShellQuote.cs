using System.Buffers;

namespace Provisioner.Bootstrap.Ssh;

/// <summary>
/// SSH runs a command as one string through the login shell, so an argument list must be quoted. This is the one
/// place that happens: every argument is single-quoted unless it is made only of characters no shell interprets.
/// </summary>
internal static class ShellQuote
{
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=@%+,");

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.AsSpan().ContainsAnyExcept(Plain))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    public static string Join(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));
}
