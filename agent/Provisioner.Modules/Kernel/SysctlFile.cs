// The pure text handling of sysctl.conf files: find, set and remove one parameter.
namespace Provisioner.Modules.Kernel;

internal static class SysctlFile
{
    /// <summary>The value the file sets for a parameter (the last assignment wins), or null.</summary>
    public static string? Find(string? text, string name) =>
        Assignments(text).Where(a => a.Key == name).Select(a => a.Value).LastOrDefault();

    /// <summary>The file with every assignment of the parameter replaced by one <c>name = value</c> line (appended when missing).</summary>
    public static string Set(string? text, string name, string value)
    {
        var lines = Lines(text);
        var line = $"{name} = {value}";
        var first = lines.FindIndex(l => Key(l) == name);
        if (first < 0)
        {
            lines.Add(line);
        }
        else
        {
            lines[first] = line;
            lines = lines.Where((l, i) => i <= first || Key(l) != name).ToList();
        }

        return string.Join('\n', lines) + "\n";
    }

    public static string Remove(string? text, string name)
    {
        var lines = Lines(text).Where(l => Key(l) != name).ToList();
        return lines.Count == 0 ? string.Empty : string.Join('\n', lines) + "\n";
    }

    /// <summary>Whitespace-insensitive form, as the kernel prints multi-value parameters with tabs.</summary>
    public static string Normalize(string value) =>
        string.Join(' ', value.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));

    public static string CanonicalName(string name) => name.Trim().Replace('/', '.');

    private static IEnumerable<(string Key, string Value)> Assignments(string? text) =>
        Lines(text).Select(l => (Key: Key(l), Line: l)).Where(a => a.Key is not null)
            .Select(a => (a.Key!, Normalize(a.Line[(a.Line.IndexOf('=', StringComparison.Ordinal) + 1)..])));

    private static string? Key(string line)
    {
        var trimmed = line.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
        {
            return null;
        }

        var eq = trimmed.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? null : CanonicalName(trimmed[..eq].TrimStart('-'));
    }

    private static List<string> Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.TrimEnd('\n').Split('\n').ToList();
}
