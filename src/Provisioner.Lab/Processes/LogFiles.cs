namespace Provisioner.Lab.Processes;

internal static class LogFiles
{
    /// <summary>The last lines of a log file, indented for an error message.</summary>
    public static string Tail(string path, int lines = 10)
    {
        if (!File.Exists(path))
        {
            return $"    ({path} does not exist)";
        }

        var all = File.ReadAllLines(path);
        return all.Length == 0
            ? $"    ({path} is empty)"
            : string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)).Select(l => "    " + l));
    }
}
