namespace Provisioner.Cli.Commands.Bootstrap;

/// <summary>prov's state directory: <c>--state-dir</c>, else <c>$XDG_DATA_HOME/prov</c>, else <c>~/.local/share/prov</c>.</summary>
internal static class StateDirectory
{
    public static string Resolve(string? given)
    {
        if (!string.IsNullOrEmpty(given))
        {
            return Path.GetFullPath(given);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrEmpty(xdg) || !Path.IsPathRooted(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "prov");
    }
}
