using System.Diagnostics;

namespace Provisioner.Controller.Tests.EndToEnd;

/// <summary>Runs the real prov program (built beside the tests) and captures what it printed.</summary>
internal static class ProvProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string AgentPath => Path.Combine(AppContext.BaseDirectory, "prov-agent");

    /// <summary>
    /// prov as its own project built it (src/Provisioner.Cli/bin/CONFIG/TFM): the copy beside the tests lacks assemblies
    /// that this folder takes from the ASP.NET Core framework (which prov does not use).
    /// </summary>
    public static string ProvPath
    {
        get
        {
            var tests = Path.Combine("tests", "Provisioner.Controller.Tests") + Path.DirectorySeparatorChar;
            var own = AppContext.BaseDirectory.Replace(tests, Path.Combine("src", "Provisioner.Cli") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            var path = Path.Combine(own, "prov.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"prov is not built where expected: {path}");
        }
    }

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(ProvPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
