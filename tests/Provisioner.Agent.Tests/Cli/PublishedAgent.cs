using System.Diagnostics;

namespace Provisioner.Agent.Tests.Cli;

/// <summary>
/// The Native AOT prov-agent, published once per test run into a temp directory (several minutes on a cold cache).
/// PROV_AGENT_BINARY points at an already published binary instead.
/// </summary>
internal static class PublishedAgent
{
    private static readonly Lazy<Task<string>> Binary = new(PublishAsync);

    public static Task<string> PathAsync() => Binary.Value;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find Provisioner.sln above the test directory");
    }

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("PROV_AGENT_BINARY") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"PROV_AGENT_BINARY={given} does not exist");
        }

        var output = Directory.CreateTempSubdirectory("prov-agent-aot-").FullName;
        var info = new ProcessStartInfo("dotnet", ["publish", "agent/Provisioner.Agent", "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of prov-agent failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }

        return Path.Combine(output, "prov-agent");
    }
}
