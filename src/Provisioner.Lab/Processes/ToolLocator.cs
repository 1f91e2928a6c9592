namespace Provisioner.Lab.Processes;

/// <summary>Finds programs on PATH and in the sbin directories (which a user's PATH may lack).</summary>
internal static class ToolLocator
{
    public static string? Find(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(IsExecutable);
    }

    public static string Require(string name, string package) =>
        Find(name) ?? throw new LabException($"'{name}' not found; install it with: apt-get install -y {package}");

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsLinux() && File.Exists(path) && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
