namespace Provisioner.Bootstrap.Tests.Fixtures;

/// <summary>
/// A real prov-agent executable to install: <c>PROV_TEST_AGENT_BINARY</c> if set (e.g. the Native AOT build), else a
/// self-contained single-file publish of agent/Provisioner.Agent made once and reused until an agent source changes.
/// </summary>
internal static class AgentBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _path;

    public static async Task<string> PathAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _path ??= await LocateAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Provisioner.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Provisioner.sln) above " + AppContext.BaseDirectory);
    }

    private static async Task<string> LocateAsync()
    {
        if (Environment.GetEnvironmentVariable("PROV_TEST_AGENT_BINARY") is { Length: > 0 } given)
        {
            return Path.GetFullPath(given);
        }

        var root = RepositoryRoot();
        var output = Path.Combine(root, "tests", "Provisioner.Bootstrap.Tests", "bin", "agent-publish", "linux-x64");
        var binary = Path.Combine(output, "prov-agent");
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) > NewestSource(root))
        {
            return binary;
        }

        await TestProcess.RunAsync("dotnet", "publish", Path.Combine(root, "agent", "Provisioner.Agent"), "-r", "linux-x64", "-c", "Debug",
            "-p:PublishAot=false", "-p:PublishSingleFile=true", "--self-contained", "-o", output);
        File.SetLastWriteTimeUtc(binary, DateTime.UtcNow);
        return binary;
    }

    private static DateTime NewestSource(string root)
    {
        var inputs = new[] { "agent", "proto", "src/Provisioner.Core", "src/Provisioner.Protocol", "src/Provisioner.Security", "src/Provisioner.Templating" };
        var files = inputs.Select(i => Path.Combine(root, i)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Concat(Directory.EnumerateFiles(root, "Directory.*.props"));
        return files.Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
    }
}
