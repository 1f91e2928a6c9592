using System.Diagnostics;

namespace Provisioner.Controller.Tests.EndToEnd;

/// <summary>Runs the real prov program (built beside the tests) and captures what it printed.</summary>
internal static class ProvProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static string AgentPath => Path.Combine(AppContext.BaseDirectory, "prov-agent");

    public static async Task<Result> RunAsync(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "prov.dll"));
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
