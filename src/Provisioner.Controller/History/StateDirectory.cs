namespace Provisioner.Controller.History;

/// <summary>Where prov keeps its state (run history, local agent state): <c>--state-dir</c>, else <c>$XDG_DATA_HOME/prov</c>, else <c>~/.local/share/prov</c>.</summary>
public static class StateDirectory
{
    public static string Resolve(string? explicitDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "prov");
    }
}
