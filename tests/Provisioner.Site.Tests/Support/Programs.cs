// Runs the real programs the site's configurations are checked with: argument lists, never a shell, a timeout.
using System.Diagnostics;
using System.Text;

namespace Provisioner.Site.Tests.Support;

internal static class Programs
{
    private static readonly string[] SearchPath = (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
        .Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Concat(["/usr/sbin", "/sbin", "/usr/local/sbin"])
        .ToArray();

    public static async Task<ProgramResult> RunAsync(
        string program, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(Resolve(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(program).Select(Quote));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {timeout ?? TimeSpan.FromSeconds(60)}");
        }

        return new ProgramResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Fails the test, naming the Debian packages to install, when a program is missing.</summary>
    public static void Require(params (string Program, string Package)[] programs)
    {
        var missing = programs.Where(p => Find(p.Program) is null).ToList();
        if (missing.Count > 0)
        {
            Assert.Fail($"missing programs: {string.Join(", ", missing.Select(m => m.Program))}; install them with: apt-get install -y {string.Join(' ', missing.Select(m => m.Package).Distinct())}");
        }
    }

    /// <summary>Fails the test when it does not run as root (network namespaces, postgres as its own user).</summary>
    public static void RequireRoot(string why)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Fail($"this test must run as root: {why}");
        }
    }

    public static string? Find(string program) =>
        program.Contains('/', StringComparison.Ordinal)
            ? (File.Exists(program) ? program : null)
            : SearchPath.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    private static string Resolve(string program) => Find(program) ?? program;

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Splits a command line into words like a shell would (quotes and backslashes), with no other shell feature.</summary>
    public static IReadOnlyList<string> SplitWords(string commandLine)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char quote = '\0';
        for (var i = 0; i < commandLine.Length; i++)
        {
            var c = commandLine[i];
            if (quote == '\'')
            {
                if (c == '\'') { quote = '\0'; } else { word.Append(c); }
            }
            else if (quote == '"')
            {
                if (c == '"') { quote = '\0'; }
                else if (c == '\\' && i + 1 < commandLine.Length && "\"\\$`".Contains(commandLine[i + 1], StringComparison.Ordinal)) { word.Append(commandLine[++i]); }
                else { word.Append(c); }
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
            }
            else
            {
                inWord = true;
                if (c is '\'' or '"') { quote = c; }
                else if (c == '\\' && i + 1 < commandLine.Length) { word.Append(commandLine[++i]); }
                else { word.Append(c); }
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"unterminated quote in: {commandLine}");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
