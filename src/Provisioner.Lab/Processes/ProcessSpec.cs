using System.Text;

namespace Provisioner.Lab.Processes;

/// <summary>One external command: program, arguments (never a shell string), time limit and what it is for.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Arguments, TimeSpan Timeout, string Step)
{
    /// <summary>What the user should do when this step fails; appended to the error message.</summary>
    public string? Hint { get; init; }

    public string CommandLine
    {
        get
        {
            var text = new StringBuilder(Quote(FileName));
            foreach (var argument in Arguments)
            {
                text.Append(' ').Append(Quote(argument));
            }

            return text.ToString();
        }
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
