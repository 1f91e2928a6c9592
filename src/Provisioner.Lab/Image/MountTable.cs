using System.Text;

namespace Provisioner.Lab.Image;

/// <summary>Reads /proc/self/mounts, to find mounts left under a directory (debootstrap mounts /proc and /sys in its target).</summary>
internal static class MountTable
{
    public static IReadOnlyList<string> MountPoints(string mountsText) =>
        mountsText.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 2)
            .Select(fields => Unescape(fields[1]))
            .ToList();

    /// <summary>Mount points at or below <paramref name="directory"/>, deepest first (the order to unmount them).</summary>
    public static IReadOnlyList<string> Under(string directory, IReadOnlyList<string> mountPoints)
    {
        var root = Path.TrimEndingDirectorySeparator(directory);
        return mountPoints
            .Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(m => m.Length)
            .ToList();
    }

    public static IReadOnlyList<string> Current() =>
        MountPoints(File.Exists("/proc/self/mounts") ? File.ReadAllText("/proc/self/mounts") : string.Empty);

    /// <summary>The kernel writes space, tab, newline and backslash as octal escapes (\040).</summary>
    internal static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length && field.AsSpan(i + 1, 3).ToArray().All(c => c is >= '0' and <= '7'))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }
}
